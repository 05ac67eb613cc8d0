/**
 * When a rule fires, judged by the pure triggers (main/rules/triggers.ts) the live rules and the dry run share:
 * events and ticks in, firings out, with the hourly limit and the "another action holds the phone" check applied.
 */
import { describe, expect, it } from 'vitest'
import { createRuleTriggers, type Firing } from '../../../src/main/rules/triggers'
import type { Rule } from '../../../src/shared/rules'
import type { WatchEvent } from '../../../src/shared/watch'

const T0 = Date.UTC(2026, 11, 6, 9, 0)
const MIN = 60_000

function rule(over: Partial<Rule> = {}): Rule {
  return {
    id: 'offline-5',
    name: 'Offline 5 minutes',
    enabled: true,
    when: { event: 'offline', minutes: 5 },
    do: [{ kind: 'change_ip_verify' }],
    limits: { maxRunsPerHour: 1, stopOnSuccess: true },
    ...over,
  }
}

const offline = (id: string, since: number, at: number, name = id): WatchEvent => ({
  kind: 'connection_offline',
  at,
  connectionId: id,
  connectionName: name,
  data: { offlineSince: since, status: 'offline' },
})
const online = (id: string, at: number): WatchEvent => ({ kind: 'connection_online', at, connectionId: id, data: { status: 'online' } })
const who = (firings: Firing[]) => firings.map((f) => [f.rule.id, f.connectionId, f.at])

describe('offline for N minutes', () => {
  it('fires once per outage, when the outage reaches the minutes, and again for the next outage', () => {
    const t = createRuleTriggers()
    t.setRules([rule()])
    // The watch raises connection_offline after its "offline after" (2 min): counted from offlineSince.
    expect(t.observe([offline('a', T0, T0 + 2 * MIN)])).toEqual([])
    expect(t.nextDue()).toBe(T0 + 5 * MIN)
    expect(t.tick(T0 + 4 * MIN)).toEqual([])
    expect(who(t.tick(T0 + 5 * MIN + 10_000))).toEqual([['offline-5', 'a', T0 + 5 * MIN + 10_000]])
    // Held down longer: nothing more for this outage.
    expect(t.tick(T0 + 30 * MIN)).toEqual([])
    expect(t.nextDue()).toBeUndefined()
    // Back, then down again: a new outage fires again.
    expect(t.observe([online('a', T0 + 31 * MIN)])).toEqual([])
    t.observe([offline('a', T0 + 40 * MIN, T0 + 42 * MIN)])
    expect(who(t.tick(T0 + 45 * MIN))).toEqual([['offline-5', 'a', T0 + 45 * MIN]])
  })

  it('does not fire for a phone back online before the minutes passed', () => {
    const t = createRuleTriggers()
    t.setRules([rule()])
    t.observe([offline('a', T0, T0 + 2 * MIN)])
    t.observe([online('a', T0 + 4 * MIN)])
    expect(t.nextDue()).toBeUndefined()
    expect(t.tick(T0 + 6 * MIN)).toEqual([])
    expect(t.tick(T0 + 60 * MIN)).toEqual([])
  })

  it('fires with the offline event itself when the minutes are below the watch\'s "offline after"', () => {
    const t = createRuleTriggers()
    t.setRules([rule({ when: { event: 'offline', minutes: 1 } })])
    expect(who(t.observe([offline('a', T0, T0 + 2 * MIN)]))).toEqual([['offline-5', 'a', T0 + 2 * MIN]])
    expect(t.tick(T0 + 3 * MIN)).toEqual([])
  })

  it('a repeated offline event for the same outage does not fire it twice', () => {
    const t = createRuleTriggers()
    t.setRules([rule()])
    t.observe([offline('a', T0, T0 + 2 * MIN)])
    expect(t.tick(T0 + 5 * MIN)).toHaveLength(1)
    expect(t.observe([offline('a', T0, T0 + 6 * MIN)])).toEqual([])
    expect(t.tick(T0 + 7 * MIN)).toEqual([])
  })
})

describe('the limits', () => {
  it('runs at most maxRunsPerHour per rule and connection in a rolling hour; a limited firing is not a run', () => {
    const t = createRuleTriggers()
    t.setRules([rule({ limits: { maxRunsPerHour: 2, stopOnSuccess: true } })])
    const verdicts: string[] = []
    for (let i = 0; i < 4; i++) {
      const start = T0 + i * 10 * MIN
      t.observe([offline('a', start, start + 2 * MIN)])
      for (const f of t.tick(start + 5 * MIN)) verdicts.push(t.admit(f, f.at, () => true))
      t.observe([online('a', start + 8 * MIN)])
    }
    expect(verdicts).toEqual(['run', 'run', 'limited', 'limited'])
    // Another connection has its own count.
    t.observe([offline('b', T0 + 40 * MIN, T0 + 42 * MIN)])
    expect(t.tick(T0 + 45 * MIN).map((f) => t.admit(f, f.at, () => true))).toEqual(['run'])
    // An hour after the first run (T0+5min) it may run again.
    t.observe([offline('a', T0 + 60 * MIN, T0 + 62 * MIN)])
    expect(t.tick(T0 + 65 * MIN + 1).map((f) => t.admit(f, f.at, () => true))).toEqual(['run'])
  })

  it('never while another action holds the phone: busy, and not counted against the hour', () => {
    const t = createRuleTriggers()
    t.setRules([rule()])
    const f: Firing = { rule: rule(), connectionId: 'a', trigger: 'offline', at: T0 }
    let asked = 0
    expect(t.admit(f, T0, () => (asked++, false))).toBe('busy')
    expect(t.admit(f, T0 + MIN, () => (asked++, true))).toBe('run')
    // Limited before the gate is even asked.
    expect(t.admit(f, T0 + 2 * MIN, () => (asked++, true))).toBe('limited')
    expect(asked).toBe(2)
  })
})

describe('scope', () => {
  const moscow = offline('m1', T0, T0 + 2 * MIN, 'Moscow MTS 01')
  const london = offline('l1', T0, T0 + 2 * MIN, 'London EE')

  it('a filter on the names the watch knows: only the connections it matches fire', () => {
    const t = createRuleTriggers()
    t.setRules([rule({ scope: { filter: 'name~moscow status=offline' } })])
    t.observe([moscow, london])
    expect(who(t.tick(T0 + 5 * MIN))).toEqual([['offline-5', 'm1', T0 + 5 * MIN]])
  })

  it('listed connections, or those the filter matches, with facts the caller knows (country)', () => {
    const t = createRuleTriggers({ facts: (id) => (id === 'x1' ? { country: 'ru' } : { country: 'gb' }) })
    t.setRules([rule({ scope: { connectionIds: ['l1'], filter: 'country=RU' } })])
    t.observe([moscow, london, offline('x1', T0, T0 + 2 * MIN, 'Kazan')])
    expect(who(t.tick(T0 + 5 * MIN)).map((w) => w[1])).toEqual(['l1', 'x1'])
  })

  it('a filter that does not parse selects nothing, never the whole fleet', () => {
    const t = createRuleTriggers()
    t.setRules([rule({ scope: { filter: 'nmae~moscow' } })])
    t.observe([moscow, london])
    expect(t.tick(T0 + 5 * MIN)).toEqual([])
  })
})

describe('the other triggers', () => {
  it('check failed N times, an IP repeated within the hours, an IP not changed', () => {
    const t = createRuleTriggers()
    t.setRules([
      rule({ id: 'checks', when: { event: 'check_failed', times: 3 } }),
      rule({ id: 'repeat', when: { event: 'ip_repeated', withinHours: 2 } }),
      rule({ id: 'same', when: { event: 'ip_not_changed' } }),
    ])
    const fired = t.observe([
      { kind: 'check_failed', at: T0, connectionId: 'a', data: { failures: 2 } },
      { kind: 'check_failed', at: T0 + 1, connectionId: 'b', data: { failures: 3 } },
      { kind: 'ip_repeated', at: T0 + 2, connectionId: 'c', data: { ip: '203.0.113.7', returnedAfterMs: 3 * 3_600_000 } },
      { kind: 'ip_repeated', at: T0 + 3, connectionId: 'd', data: { ip: '203.0.113.8', returnedAfterMs: 3_600_000 } },
      { kind: 'ip_not_changed', at: T0 + 4, connectionId: 'e', connectionName: 'Kazan', data: { ip: '203.0.113.9' } },
      // A fleet-wide event names no connection: nothing to act on.
      { kind: 'api_unreachable', at: T0 + 5 },
    ])
    expect(fired.map((f) => [f.rule.id, f.connectionId, f.trigger, f.connectionName])).toEqual([
      ['checks', 'b', 'check_failed', undefined],
      ['repeat', 'd', 'ip_repeated', undefined],
      ['same', 'e', 'ip_not_changed', 'Kazan'],
    ])
  })

  it('a rule added during an outage fires at the next tick when its minutes already passed', () => {
    const t = createRuleTriggers()
    t.observe([offline('a', T0, T0 + 2 * MIN)])
    expect(t.tick(T0 + 10 * MIN)).toEqual([])
    t.setRules([rule()])
    expect(who(t.tick(T0 + 11 * MIN))).toEqual([['offline-5', 'a', T0 + 11 * MIN]])
  })
})
