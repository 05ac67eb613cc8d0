/**
 * The two event kinds of the rules issue in words (watch/alerts/messages.ts), English and Russian: an exit IP that
 * came back, and a rule's alert with what its chain tried; and a rule run's line as `iproxy watch` prints it.
 */
import { describe, expect, it } from 'vitest'
import { batchText, eventSentence, kindTitle, ruleRunSentence, summaryLines, triedWords } from '../../../src/main/watch/alerts/messages'
import { formatTried, parseTried, type RuleRun } from '../../../src/shared/rules'
import type { WatchEvent } from '../../../src/shared/watch'

const AT = Date.UTC(2026, 11, 6, 3, 0)

describe('ip_repeated and rule_alert in words', () => {
  it('says an exit IP that came back, with how long ago it was last seen', () => {
    const e: WatchEvent = { kind: 'ip_repeated', at: AT, connectionId: 'c1', connectionName: 'Moscow-1', data: { ip: '1.2.3.4', returnedAfterMs: 3 * 3_600_000 } }
    expect(eventSentence(e, 'en')).toBe('Connection Moscow-1 got 1.2.3.4 again, last seen 3 hours ago.')
    expect(eventSentence(e, 'ru')).toBe('Подключение Moscow-1 снова получило внешний IP 1.2.3.4, в последний раз он был 3 часа назад.')
    const bare: WatchEvent = { kind: 'ip_repeated', at: AT, connectionId: 'c1' }
    expect(eventSentence(bare, 'en')).toBe('Connection c1 got an earlier exit IP again.')
    expect(eventSentence(bare, 'ru')).toBe('Подключение c1 снова получило прежний внешний IP.')
    expect(kindTitle('ip_repeated', 'ru')).toBe('Внешний IP повторился')
  })

  it('says a rule alert: the rule and what it tried, step by step', () => {
    const e: WatchEvent = {
      kind: 'rule_alert',
      at: AT,
      connectionId: 'c1',
      connectionName: 'Moscow-1',
      data: { rule: 'Repair offline', tried: 'change_ip_verify:failed, reboot:ok, check:failed' },
    }
    expect(eventSentence(e, 'en')).toBe('Rule "Repair offline" on connection Moscow-1: tried change IP and verify (failed), reboot (done), check (failed).')
    expect(eventSentence(e, 'ru')).toBe('Правило «Repair offline», подключение Moscow-1: испробовано — смена IP с проверкой (не удалось), перезагрузка (выполнено), проверка (не удалось).')
    expect(eventSentence({ kind: 'rule_alert', at: AT, connectionId: 'c1', data: { rule: 'Only alert' } }, 'en')).toBe('Rule "Only alert" on connection c1: needs attention.')
    // A step this version does not know is shown as it is.
    expect(triedWords('teleport:ok', 'en')).toBe('teleport (done)')
    expect(kindTitle('rule_alert', 'en')).toBe('Rule alert')
  })

  it('sums several up as one line per kind', () => {
    const events: WatchEvent[] = [
      { kind: 'rule_alert', at: AT, connectionId: 'a', connectionName: 'Moscow-1', data: { rule: 'R', tried: 'check:failed' } },
      { kind: 'rule_alert', at: AT, connectionId: 'b', connectionName: 'Moscow-2', data: { rule: 'R', tried: 'check:failed' } },
      { kind: 'ip_repeated', at: AT, connectionId: 'c', connectionName: 'Kazan', data: { ip: '1.2.3.4', returnedAfterMs: 60_000 } },
    ]
    expect(batchText(events, 'en')).toBe('Exit IP repeated on 1 connection: Kazan\nRule alerts on 2 connections: Moscow-1, Moscow-2')
    expect(summaryLines(events, 'ru').map((l) => l.headline)).toEqual(['Внешний IP повторился у 1 подключения', 'Оповещения правил у 2 подключений'])
  })

  it('writes and reads what a chain tried, and says how a run ended', () => {
    const steps: RuleRun['steps'] = [
      { step: { kind: 'change_ip_verify' }, outcome: 'failed', at: AT },
      { step: { kind: 'command', command: 'reboot' }, outcome: 'ok', at: AT },
      { step: { kind: 'check' }, outcome: 'cancelled', at: AT },
    ]
    expect(formatTried(steps)).toBe('change_ip_verify:failed, reboot:ok, check:cancelled')
    expect(parseTried(formatTried(steps))).toEqual([
      { step: 'change_ip_verify', outcome: 'failed' },
      { step: 'reboot', outcome: 'ok' },
      { step: 'check', outcome: 'cancelled' },
    ])
    const run = { ruleName: 'Repair', connectionId: 'c1', connectionName: 'Moscow-1', outcome: 'cancelled' as const, steps }
    expect(ruleRunSentence(run, 'en')).toBe('Rule "Repair" on connection Moscow-1 was cancelled: change IP and verify (failed), reboot (done), check (cancelled).')
    expect(ruleRunSentence({ ...run, outcome: 'succeeded' }, 'ru')).toBe('Правило «Repair», подключение Moscow-1: справилось — смена IP с проверкой (не удалось), перезагрузка (выполнено), проверка (отменено).')
  })
})
