/**
 * The dry run over recorded history (main/rules/dry-run.ts), in a real history file: watch events written as the
 * watch writes them, replayed through the same triggers and limits with a simulated clock. It names the same
 * connections a live run of the rules would have acted on, and does nothing. Also the `rules` calls on it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from '../../../src/main/history'
import { rulesCalls } from '../../../src/main/rules/calls'
import { dryRun } from '../../../src/main/rules/dry-run'
import { createRulesStore } from '../../../src/main/rules/store'
import { createRuleTriggers } from '../../../src/main/rules/triggers'
import type { Rule } from '../../../src/shared/rules'
import type { WatchEvent } from '../../../src/shared/watch'
import { memoryLog, tempDir } from '../history/support'

const HOUR = 3_600_000
const MIN = 60_000
const NOW = Date.UTC(2026, 11, 6, 12, 0)

let store: HistoryStore
let dir: string
beforeEach(async () => {
  dir = tempDir()
  store = await openHistoryStore(dir, { log: memoryLog().log })
})
afterEach(() => store.close())

const offlineRule: Rule = {
  id: 'offline-10',
  name: 'Offline 10 minutes',
  enabled: true,
  when: { event: 'offline', minutes: 10 },
  do: [{ kind: 'command', command: 'reboot' }, { kind: 'wait', seconds: 60 }, { kind: 'check' }],
  limits: { maxRunsPerHour: 1, stopOnSuccess: true },
}

function outage(id: string, name: string, since: number, backAt?: number): WatchEvent[] {
  const events: WatchEvent[] = [{ kind: 'connection_offline', at: since + 2 * MIN, connectionId: id, connectionName: name, data: { offlineSince: since, status: 'offline' } }]
  if (backAt !== undefined) events.push({ kind: 'connection_online', at: backAt, connectionId: id, connectionName: name, data: { offlineSince: since, status: 'online' } })
  return events
}

/** The fleet's last day as the watch recorded it. */
function recordDay(): void {
  store.recordWatchEvents([
    // Began 30 h ago and ended: outside the window.
    ...outage('old', 'Old-1', NOW - 30 * HOUR, NOW - 29 * HOUR),
    // Down 25 minutes: the rule runs; down again 20 minutes later: the hourly limit holds it back; later again: it runs.
    ...outage('m1', 'Moscow-1', NOW - 5 * HOUR, NOW - 5 * HOUR + 25 * MIN),
    ...outage('m1', 'Moscow-1', NOW - 5 * HOUR + 45 * MIN, NOW - 4 * HOUR),
    ...outage('m1', 'Moscow-1', NOW - 2 * HOUR),
    // Back after 6 minutes: never falls due.
    ...outage('k1', 'Kazan-1', NOW - 3 * HOUR, NOW - 3 * HOUR + 6 * MIN),
    // Down since 24 h + 5 min ago: due 5 minutes into the window.
    ...outage('l1', 'London-1', NOW - 24 * HOUR - 5 * MIN, NOW - 20 * HOUR),
    { kind: 'check_failed', at: NOW - HOUR, connectionId: 'k1', data: { failures: 3, proxyKey: 'p1' } },
  ])
}

describe('the dry run over the history', () => {
  it('reports which connections, when, run or limited, and the steps; the past before the window only counts', () => {
    recordDay()
    const report = dryRun([offlineRule], { history: store, now: NOW })
    expect(report).toMatchObject({ from: NOW - 24 * HOUR, to: NOW })
    expect(report.hits.map((h) => [h.connectionId, h.connectionName, h.at, h.verdict])).toEqual([
      ['l1', 'London-1', NOW - 24 * HOUR + 5 * MIN, 'run'],
      ['m1', 'Moscow-1', NOW - 5 * HOUR + 10 * MIN, 'run'],
      ['m1', 'Moscow-1', NOW - 5 * HOUR + 55 * MIN, 'limited'],
      ['m1', 'Moscow-1', NOW - 2 * HOUR + 10 * MIN, 'run'],
    ])
    expect(report.hits.every((h) => h.trigger === 'offline' && h.ruleId === 'offline-10' && h.steps === offlineRule.do)).toBe(true)
    // A shorter window sees less; several rules at once each get their own hits.
    const checks: Rule = { ...offlineRule, id: 'checks', when: { event: 'check_failed', times: 2 } }
    const two = dryRun([offlineRule, checks], { history: store, now: NOW, hours: 3 })
    expect(two.hits.map((h) => [h.ruleId, h.connectionId, h.verdict])).toEqual([
      ['offline-10', 'm1', 'run'],
      ['checks', 'k1', 'run'],
    ])
    // It did nothing: the history holds what was recorded, no more.
    expect(store.audit({}).entries).toEqual([])
  })

  it('names the same connections the live rules would, ticked after every 30 s cycle', () => {
    // 40 phones, each down some minutes at its own time; some come back before 10 minutes.
    const events: WatchEvent[] = []
    for (let i = 0; i < 40; i++) {
      const since = NOW - 20 * HOUR + i * 23 * MIN
      events.push(...outage(`c${i}`, `Phone-${i}`, since, since + ((i * 7) % 25) * MIN + 3 * MIN))
    }
    store.recordWatchEvents(events)
    // The live rules: each cycle's events, then a tick (runner.ts via the engine's onCycle).
    const live = createRuleTriggers()
    live.setRules([offlineRule])
    const ran: string[] = []
    const sorted = [...events].sort((a, b) => a.at - b.at)
    let next = 0
    for (let at = NOW - 21 * HOUR; at <= NOW; at += 30_000) {
      const batch: WatchEvent[] = []
      while (next < sorted.length && sorted[next]!.at <= at) batch.push(sorted[next++]!)
      for (const f of [...live.observe(batch), ...live.tick(at)]) if (live.admit(f, at, () => true) === 'run') ran.push(f.connectionId)
    }
    const dry = dryRun([offlineRule], { history: store, now: NOW }).hits.filter((h) => h.verdict === 'run').map((h) => h.connectionId)
    expect(ran.length).toBeGreaterThan(10)
    expect(ran.length).toBeLessThan(40)
    expect(dry).toEqual(ran)
  })

  it('pages back through a history larger than one query', () => {
    const noise: WatchEvent[] = Array.from({ length: 12_000 }, (_, i) => ({ kind: 'check_failed', at: NOW - 10 * HOUR + i * 1000, connectionId: `n${i % 50}`, data: { failures: 1 } }))
    store.recordWatchEvents([...outage('m1', 'Moscow-1', NOW - 12 * HOUR, NOW - 11 * HOUR), ...noise])
    expect(dryRun([offlineRule], { history: store, now: NOW }).hits.map((h) => h.connectionId)).toEqual(['m1'])
  })
})

describe('the rules calls', () => {
  it('dry-runs a stored rule by id, a rule as edited, or says which id is unknown', async () => {
    recordDay()
    const rules = createRulesStore({ dataDir: dir, log: memoryLog().log })
    await rules.save({ rules: [offlineRule] })
    const calls = rulesCalls({ store: rules, history: store, log: memoryLog().log, now: () => NOW })
    expect(await calls['rules.list'](undefined)).toEqual({ rules: [offlineRule] })
    const byId = await calls['rules.dryRun']({ ruleId: 'offline-10' })
    expect(byId.hits).toHaveLength(4)
    const edited = await calls['rules.dryRun']({ rule: { ...offlineRule, scope: { filter: 'name~london' } }, hours: 48 })
    // 48 hours reach Old-1's outage too, but the filter leaves only London-1.
    expect(edited.hits.map((h) => h.connectionId)).toEqual(['l1'])
    await expect(calls['rules.dryRun']({ ruleId: 'nope' })).rejects.toThrow('There is no rule with the id "nope".')
    await expect(calls['rules.dryRun']({ rule: { ...offlineRule, scope: { filter: 'town=x' } } })).rejects.toThrow('rules[0].scope.filter: "town" is not a filter key')
  })
})
