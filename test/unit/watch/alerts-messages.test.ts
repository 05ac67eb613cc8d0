import { describe, expect, it } from 'vitest'
import { desktopNotices } from '../../../src/main/watch/alerts/desktop'
import { batchText, duration, eventSentence, kindHeadline, summaryLines } from '../../../src/main/watch/alerts/messages'
import { inQuietHours } from '../../../src/main/watch/alerts/quiet-hours'
import type { WatchEvent } from '../../../src/shared/watch'

const AT = Date.UTC(2026, 11, 6, 3, 0)
const offline = (n: number): WatchEvent[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'connection_offline', at: AT, connectionId: `c${i + 1}`, connectionName: `Moscow-${i + 1}`, data: { offlineSince: AT - 180_000 } }))

describe('alert wording', () => {
  it('says each event as one sentence, in English and Russian', () => {
    const [first] = offline(1)
    expect(eventSentence(first!, 'en')).toBe('Connection Moscow-1 has been offline for 3 minutes.')
    expect(eventSentence(first!, 'ru')).toBe('Подключение Moscow-1 не в сети уже 3 минуты.')
    const online: WatchEvent = { kind: 'connection_online', at: AT, connectionId: 'c9' }
    expect(eventSentence(online, 'en')).toBe('Connection c9 is back online.')
    const check: WatchEvent = { kind: 'check_failed', at: AT, connectionName: 'Kazan', data: { failures: 5 } }
    expect(eventSentence(check, 'ru')).toBe('Проверка прокси подключения Kazan не прошла 5 раз подряд.')
    expect(eventSentence(check, 'en')).toBe('The proxy check of connection Kazan failed 5 times in a row.')
    const ip: WatchEvent = { kind: 'ip_not_changed', at: AT, connectionName: 'Kazan', data: { ip: '203.0.113.7' } }
    expect(eventSentence(ip, 'ru')).toBe('После смены IP подключения Kazan внешний IP остался прежним (203.0.113.7).')
    const plan: WatchEvent = { kind: 'plan_expiring', at: AT, connectionName: 'Kazan', data: { planEndsAt: AT + 21 * 3_600_000 } }
    expect(eventSentence(plan, 'ru')).toBe('Тариф подключения Kazan заканчивается через 21 час.')
    expect(eventSentence(plan, 'en')).toBe('The plan of connection Kazan ends in 21 hours.')
    expect(eventSentence({ kind: 'api_unreachable', at: AT, data: { reason: 'auth' } }, 'ru')).toBe('API iProxy не принимает API-ключ.')
    expect(eventSentence({ kind: 'api_unreachable', at: AT, data: { reason: 'http_503' } }, 'en')).toBe('The iProxy API cannot be reached (http_503).')
    expect(eventSentence({ kind: 'rate_limited', at: AT, data: { retryAfterMs: 2000 } }, 'ru')).toBe('API iProxy просит подождать 2 секунды: слишком много запросов.')
  })

  it('uses the Russian plural forms one, few and many', () => {
    expect(kindHeadline('connection_offline', 1, 'ru')).toBe('1 подключение не в сети')
    expect(kindHeadline('connection_offline', 3, 'ru')).toBe('3 подключения не в сети')
    expect(kindHeadline('connection_offline', 12, 'ru')).toBe('12 подключений не в сети')
    expect(kindHeadline('connection_offline', 21, 'ru')).toBe('21 подключение не в сети')
    expect(kindHeadline('check_failed', 1, 'ru')).toBe('Проверка прокси не прошла у 1 подключения')
    expect(kindHeadline('check_failed', 5, 'ru')).toBe('Проверка прокси не прошла у 5 подключений')
    expect(kindHeadline('connection_offline', 1, 'en')).toBe('1 connection offline')
    expect(duration(5 * 86_400_000, 'ru')).toBe('5 дней')
    expect(duration(2 * 86_400_000, 'ru')).toBe('2 дня')
  })

  it('sums a burst up as one line per kind, naming ten connections and how many more', () => {
    const events = [...offline(12), { kind: 'connection_online', at: AT, connectionId: 'x', connectionName: 'Kazan' } as WatchEvent]
    expect(batchText(events, 'en')).toBe(
      '12 connections offline: Moscow-1, Moscow-2, Moscow-3, Moscow-4, Moscow-5, Moscow-6, Moscow-7, Moscow-8, Moscow-9, Moscow-10, … and 2 more\n' +
        '1 connection back online: Kazan',
    )
    expect(batchText(offline(12), 'ru')).toMatch(/^12 подключений не в сети: Moscow-1, .*Moscow-10, … и ещё 2$/)
    // The API's own trouble is one line, not one per connection.
    const api = summaryLines([{ kind: 'api_unreachable', at: AT, data: { reason: 'unreachable' } }, ...offline(2)], 'en')
    expect(api.map((l) => l.headline)).toEqual(['2 connections offline', 'The iProxy API cannot be reached (unreachable)'])
  })
})

describe('the desktop notice model', () => {
  it('shows one event as one notice that opens its connection', () => {
    expect(desktopNotices(offline(1), 'en')).toEqual([
      { title: 'Connection offline', body: 'Connection Moscow-1 has been offline for 3 minutes.', connectionId: 'c1' },
    ])
  })

  it('shows a burst of 500 as ONE summary notice that opens nothing in particular', () => {
    const notices = desktopNotices(offline(500), 'ru')
    expect(notices).toHaveLength(1)
    expect(notices[0]!.title).toBe('500 подключений не в сети')
    expect(notices[0]!.body).toMatch(/^Moscow-1, Moscow-2, .* и ещё 490$/)
    expect(notices[0]!.connectionId).toBeUndefined()
  })

  it('titles a mix of kinds by their count and lists each kind on a line', () => {
    const mixed: WatchEvent[] = [...offline(2), { kind: 'plan_expiring', at: AT, connectionId: 'p', connectionName: 'Sochi' }]
    const [notice] = desktopNotices(mixed, 'en')
    expect(notice).toEqual({ title: 'iProxy: 3 alerts', body: '2 connections offline: Moscow-1, Moscow-2\nPlan ending soon on 1 connection: Sochi' })
    expect(desktopNotices([], 'en')).toEqual([])
  })
})

describe('quiet hours', () => {
  const local = (h: number, m = 0) => new Date(2026, 11, 6, h, m).getTime()

  it('wraps midnight: 23:00–08:00 is quiet at 23:00 and 03:00, not at 08:00 or noon', () => {
    const q = { enabled: true, from: '23:00', to: '08:00' }
    expect(inQuietHours(q, local(23))).toBe(true)
    expect(inQuietHours(q, local(3))).toBe(true)
    expect(inQuietHours(q, local(7, 59))).toBe(true)
    expect(inQuietHours(q, local(8))).toBe(false)
    expect(inQuietHours(q, local(12))).toBe(false)
    expect(inQuietHours({ ...q, enabled: false }, local(3))).toBe(false)
  })

  it('holds a window inside one day, and treats from = to as no window', () => {
    const q = { enabled: true, from: '13:00', to: '14:30' }
    expect(inQuietHours(q, local(13, 10))).toBe(true)
    expect(inQuietHours(q, local(14, 30))).toBe(false)
    expect(inQuietHours(q, local(3))).toBe(false)
    expect(inQuietHours({ enabled: true, from: '09:00', to: '09:00' }, local(9))).toBe(false)
  })
})
