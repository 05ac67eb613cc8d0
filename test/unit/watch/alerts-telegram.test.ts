import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../../src/main/log'
import { createAlertSink, type AlertSinkOptions } from '../../../src/main/watch/alerts'
import type { DesktopNotice } from '../../../src/main/watch/types'
import { DEFAULT_WATCH_SETTINGS, type WatchEvent, type WatchSettings } from '../../../src/shared/watch'
import { closedPort, startTestServer, waitFor, type TestServer } from './alerts-servers'

const TOKEN = '7251937465:AAHk3xQwErTyUiOpAsDfGhJkLzXcVbNm123'
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A fake Bot API: answers sendMessage like Telegram does, and refuses any other token with 401. */
async function botApi(answer?: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(
    answer ??
      ((r) =>
        r.path === `/bot${TOKEN}/sendMessage`
          ? { status: 200, body: { ok: true, result: { message_id: 1 } } }
          : { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } }),
  )
  cleanups.push(() => s.close())
  return s
}

interface Harness {
  notices: DesktopNotice[]
  logs: string[]
  clock: { now: number }
  sink: ReturnType<typeof createAlertSink>
}

function harness(settings: Partial<WatchSettings>, extra: Partial<AlertSinkOptions> = {}): Harness {
  const notices: DesktopNotice[] = []
  const logs: string[] = []
  const clock = { now: new Date(2026, 11, 6, 12, 0).getTime() }
  const sink = createAlertSink({
    settings: async () => ({ ...DEFAULT_WATCH_SETTINGS, ...settings }),
    telegramToken: async () => TOKEN,
    notify: (n) => notices.push(n),
    language: () => 'en',
    // The app's own logger, so what it would write (stack traces included) is what is checked for the token.
    log: createLogger((line) => logs.push(line)),
    now: () => clock.now,
    // A long timeout: on a loaded machine a short one would retry messages the server did take.
    tuning: { baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 30, timeoutMs: 10_000 },
    ...extra,
  })
  cleanups.push(() => sink.dispose())
  return { notices, logs, clock, sink }
}

const offline = (n: number, at: number): WatchEvent[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'connection_offline', at, connectionId: `c${i + 1}`, connectionName: `Moscow-${i + 1}` }))

const telegramOn = (api: TestServer, chatId = '-100123'): Partial<WatchSettings> => ({
  telegram: { enabled: true, chatId, apiBaseUrl: api.url },
})

describe('Telegram and the desktop', () => {
  it('turns a burst of 500 offline phones into ONE Telegram message, ONE desktop notice and ONE webhook post holding the 500 events', async () => {
    const api = await botApi()
    const hook = await startTestServer()
    cleanups.push(() => hook.close())
    const h = harness({ ...telegramOn(api), webhooks: [hook.url] })
    h.sink.deliver(offline(500, h.clock.now))
    await h.sink.idle()
    expect(api.received).toHaveLength(1)
    expect(api.received[0]!.body).toMatchObject({ chat_id: '-100123', disable_notification: false })
    expect(String(api.received[0]!.body.text)).toMatch(/^500 connections offline: Moscow-1, Moscow-2, .*Moscow-10, … and 490 more$/)
    expect(h.notices).toEqual([{ title: '500 connections offline', body: expect.stringMatching(/… and 490 more$/) as string }])
    expect(hook.accepted()).toHaveLength(1)
    expect(hook.accepted()[0]!.body).toMatchObject({ event: 'summary', data: { count: 500 } })
    expect(new Set((hook.accepted()[0]!.body.events as Array<{ id: string }>).map((e) => e.id)).size).toBe(500)
  })

  it('sends one event as its sentence, and a notice that opens the connection', async () => {
    const api = await botApi()
    const h = harness(telegramOn(api))
    h.sink.deliver(offline(1, h.clock.now))
    await h.sink.idle()
    expect(api.received.map((r) => r.body.text)).toEqual(['Connection Moscow-1 is offline.'])
    expect(h.notices).toEqual([{ title: 'Connection offline', body: 'Connection Moscow-1 is offline.', connectionId: 'c1' }])
  })

  it('retries a Bot API that is down, then answers 429 with retry_after: the message arrives once', async () => {
    let calls = 0
    const api = await botApi(() => {
      calls += 1
      if (calls === 1) return { status: 502 }
      if (calls === 2) return { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } }
      return { status: 200, body: { ok: true, result: {} } }
    })
    const h = harness(telegramOn(api))
    h.sink.deliver(offline(2, h.clock.now))
    await h.sink.idle()
    expect(api.received.map((r) => r.status)).toEqual([502, 429, 200])
    expect(api.received[2]!.at - api.received[1]!.at).toBeGreaterThanOrEqual(950)
    expect(new Set(api.received.map((r) => r.body.text)).size).toBe(1)
  })

  it('keeps quiet hours: no desktop notice, Telegram sent silently, webhooks as usual', async () => {
    const api = await botApi()
    const hook = await startTestServer()
    cleanups.push(() => hook.close())
    const h = harness({ ...telegramOn(api), webhooks: [hook.url], quietHours: { enabled: true, from: '23:00', to: '08:00' } })
    h.clock.now = new Date(2026, 11, 7, 3, 0).getTime()
    h.sink.deliver(offline(3, h.clock.now))
    await h.sink.idle()
    expect(h.notices).toEqual([])
    expect(api.received.map((r) => r.body.disable_notification)).toEqual([true])
    expect(hook.accepted().map((r) => (r.body.events as unknown[]).length)).toEqual([3])

    h.clock.now = new Date(2026, 11, 7, 9, 0).getTime()
    h.sink.deliver(offline(1, h.clock.now))
    await h.sink.idle()
    expect(h.notices).toHaveLength(1)
    expect(api.received.map((r) => r.body.disable_notification)).toEqual([true, false])
  })

  it('sends nothing on a channel that is switched off (desktop notices off, Telegram off)', async () => {
    const api = await botApi()
    const h = harness({ desktopNotifications: false, telegram: { enabled: false, chatId: '-100123', apiBaseUrl: api.url } })
    h.sink.deliver(offline(3, h.clock.now))
    await h.sink.idle()
    expect([h.notices.length, api.received.length]).toEqual([0, 0])
  })

  it('holds every channel while paused, and does not send the held events later', async () => {
    const api = await botApi()
    const hook = await startTestServer()
    cleanups.push(() => hook.close())
    const h = harness({ ...telegramOn(api), webhooks: [hook.url] })
    const until = h.clock.now + 3_600_000
    h.sink.pauseUntil(until)
    expect(h.sink.pausedUntil()).toBe(until)
    h.sink.deliver(offline(4, h.clock.now))
    await h.sink.idle()
    expect([h.notices.length, api.received.length, hook.received.length]).toEqual([0, 0, 0])

    h.clock.now = until + 1
    expect(h.sink.pausedUntil()).toBeUndefined()
    h.sink.deliver([{ kind: 'connection_online', at: h.clock.now, connectionId: 'c1', connectionName: 'Moscow-1' }])
    await h.sink.idle()
    expect(api.received.map((r) => r.body.text)).toEqual(['Connection Moscow-1 is back online.'])
    expect(hook.accepted().map((r) => r.body.event)).toEqual(['connection_online'])
    expect(h.notices).toHaveLength(1)

    h.sink.pauseUntil(h.clock.now + 60_000)
    h.sink.pauseUntil(undefined)
    expect(h.sink.pausedUntil()).toBeUndefined()
  })

  it('answers "send a test alert": ok, telegram_error with the Bot API\'s words, not_configured', async () => {
    const api = await botApi((r) =>
      r.body.chat_id === 'nobody'
        ? { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } }
        : { status: 200, body: { ok: true, result: {} } },
    )
    const ok = harness(telegramOn(api))
    expect(await ok.sink.test('telegram')).toEqual([{ channel: 'telegram', ok: true, target: 'telegram' }])
    expect(api.received[0]!.body.text).toBe('Test alert from iProxy Desktop: alerts arrive here.')
    expect(await harness(telegramOn(api, 'nobody')).sink.test('telegram')).toEqual([
      { channel: 'telegram', ok: false, target: 'telegram', reason: 'telegram_error', detail: 'Bad Request: chat not found' },
    ])
    expect((await harness(telegramOn(api, '')).sink.test('telegram'))[0]).toMatchObject({ ok: false, reason: 'not_configured' })
    const noToken = harness(telegramOn(api), { telegramToken: async () => undefined })
    expect((await noToken.sink.test('telegram'))[0]).toMatchObject({ ok: false, reason: 'not_configured' })

    expect(await ok.sink.test('desktop')).toEqual([{ channel: 'desktop', ok: true, target: 'desktop' }])
    expect(ok.notices).toEqual([{ title: 'iProxy Desktop', body: 'Test alert from iProxy Desktop: alerts arrive here.' }])
    const cli = harness({}, { notify: undefined })
    expect((await cli.sink.test('desktop'))[0]).toMatchObject({ ok: false, reason: 'not_configured' })
  })

  it('never lets the bot token into logs, errors or results, even when the Bot API echoes it', async () => {
    const echo = await botApi(() => ({ status: 401, body: { ok: false, error_code: 401, description: `Unauthorized: token ${TOKEN} is not valid` } }))
    const h = harness(telegramOn(echo))
    const results = [...(await h.sink.test('telegram'))]
    const refused = `http://127.0.0.1:${await closedPort()}`
    const down = harness({ telegram: { enabled: true, chatId: '1', apiBaseUrl: refused } }, { tuning: { baseDelayMs: 20, maxDelayMs: 40, maxAttempts: 3, timeoutMs: 500 } })
    results.push(...(await down.sink.test('telegram')))
    down.sink.deliver(offline(2, down.clock.now))
    h.sink.deliver(offline(2, h.clock.now))
    await Promise.all([h.sink.idle(), down.sink.idle()])

    expect(results).toEqual([
      { channel: 'telegram', ok: false, target: 'telegram', reason: 'telegram_error', detail: 'Unauthorized: token *** is not valid' },
      { channel: 'telegram', ok: false, target: 'telegram', reason: 'unreachable' },
    ])
    const everything = JSON.stringify({ results, logs: [...h.logs, ...down.logs] })
    expect(down.logs.some((l) => l.includes('not delivered after 3 attempt(s): unreachable'))).toBe(true)
    expect(h.logs.some((l) => l.includes('Unauthorized'))).toBe(true)
    expect(everything).not.toContain(TOKEN)
    expect(everything).not.toContain(TOKEN.split(':')[1])
  })

  it('on dispose, delivers what is queued while it can, then stops without waiting for retries', async () => {
    const api = await botApi(() => ({ status: 503 }))
    const h = harness(telegramOn(api), { tuning: { baseDelayMs: 5_000, maxDelayMs: 5_000, maxAttempts: 10, timeoutMs: 500 } })
    h.sink.deliver(offline(2, h.clock.now))
    await waitFor(() => api.received.length === 1, 'the first attempt')
    const started = performance.now()
    await h.sink.dispose()
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(h.logs.some((l) => l.includes('(stopping)'))).toBe(true)
  })
})
