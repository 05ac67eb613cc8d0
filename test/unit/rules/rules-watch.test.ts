/**
 * The self-healing rules inside the fleet watch, as the app and `iproxy watch` build them (watch/engine-setup.ts):
 * the real engine polling the simulator over loopback with a clock the test moves, the real connection actions
 * (health's change IP and verify, commands, checks), one phone gate, the audit trail in a real history file. A
 * phone is held offline through the simulator's control surface, as a user's fleet would behave.
 */
import { afterEach, expect, test } from 'vitest'
import { createAuditWriter, createConnectionActions, createPhoneGate } from '../../../src/main/bulk'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { HealthService } from '../../../src/main/health/service'
import type { HistoryStore } from '../../../src/main/history'
import type { IproxyClient } from '../../../src/main/iproxy'
import { dryRun } from '../../../src/main/rules/dry-run'
import { createWatchWithChecks, type WatchWithRules } from '../../../src/main/watch/engine-setup'
import type { PhoneGate } from '../../../src/main/bulk/types'
import type { Rule, RuleRun } from '../../../src/shared/rules'
import { DEFAULT_WATCH_SETTINGS, type WatchSettings } from '../../../src/shared/watch'
import { servicesOnSimulator } from '../history/support'
import { RecordingSink } from '../watch/engine-support'

interface Rig {
  sim: Simulator
  client: IproxyClient
  store: HistoryStore
  health: HealthService
  gate: PhoneGate
  engine: WatchWithRules
  rules: Rule[]
  runs: RuleRun[]
  lines: string[]
  now(): number
  /** One watch cycle `seconds` after the last, then every rule it set off judged and every chain ended. */
  cycleAfter(seconds: number): Promise<void>
  hold(connectionId: string, status: 'offline' | 'online' | 'release'): Promise<void>
  idOf(name: string): string
  close(): Promise<void>
}

let rig: Rig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

/** Action steps in flight right now, and the most seen at once (the rig's actions count them). */
const inFlight = { now: 0, most: 0 }

async function openRig(settings: Partial<WatchSettings>, concurrency?: () => number): Promise<Rig> {
  inFlight.now = 0
  inFlight.most = 0
  const sim = await startSimulator({ seed: 'demo' })
  const { log, lines, client, store, checks: checkHistory, health, ...services } = await servicesOnSimulator(sim)
  const built: { engine?: WatchWithRules } = {}
  const real = createConnectionActions({
    client: () => client,
    health,
    history: store,
    log,
    listeners: { ipNotChanged: (id, ip) => built.engine?.reportIpNotChanged(id, ip) },
  })
  const actions: typeof real = {
    async run(...args) {
      inFlight.most = Math.max(inFlight.most, ++inFlight.now)
      try {
        return await real.run(...args)
      } finally {
        inFlight.now--
      }
    },
  }
  const gate = createPhoneGate({ gapMs: 0 })
  const rules: Rule[] = []
  const runs: RuleRun[] = []
  const watchSettings: WatchSettings = { ...DEFAULT_WATCH_SETTINGS, ...settings }
  let clock = Date.now()
  const engine = createWatchWithChecks({
    client: () => client,
    history: store,
    settings: async () => watchSettings,
    alerts: new RecordingSink(),
    log,
    now: () => clock,
    checkHistory,
    echoUrl: async () => sim.echoUrl,
    checkTimeoutMs: async () => 5_000,
    rules: { rules: async () => rules, actions, gate, audit: createAuditWriter(store, log), onRun: (run) => runs.push(run), ...(concurrency ? { concurrency } : {}) },
  })
  built.engine = engine
  return {
    sim,
    client,
    store,
    health,
    gate,
    engine,
    rules,
    runs,
    lines,
    now: () => clock,
    async cycleAfter(seconds) {
      clock += seconds * 1000
      await engine.runCycle()
      await engine.rules!.settled()
    },
    async hold(connectionId, status) {
      const res = await fetch(`${sim.origin}/_control/connections/${connectionId}/status`, { method: 'POST', body: JSON.stringify({ status }) })
      expect(res.status).toBe(200)
      await res.arrayBuffer()
    },
    idOf(name) {
      const found = [...sim.state.connections.values()].find((c) => c.name === name)
      if (!found) throw new Error(`no demo connection named ${name}`)
      return found.id
    },
    async close() {
      await engine.stop()
      await services.close()
      await sim.stop()
    },
  }
}

/** The last report of each run: what it ended as. */
function finalRuns(runs: readonly RuleRun[]): RuleRun[] {
  const last = new Map<string, RuleRun>()
  for (const run of runs) last.set(run.id, run)
  return [...last.values()].filter((r) => r.outcome !== 'running')
}

const repairOffline: Rule = {
  id: 'offline-repair',
  name: 'Repair a phone offline for 3 minutes',
  enabled: true,
  when: { event: 'offline', minutes: 3 },
  do: [{ kind: 'change_ip_verify' }, { kind: 'command', command: 'reboot' }, { kind: 'check' }, { kind: 'alert' }],
  limits: { maxRunsPerHour: 1, stopOnSuccess: true },
}

test('a phone held offline: the chain runs once within its limits, its steps land in the audit trail, the dry run names the same connection', async () => {
  rig = await openRig({ offlineAfterSeconds: 60, intervalSeconds: 30 })
  const r = rig
  r.rules.push(repairOffline)
  const phone = r.idOf('Moscow MTS 01')
  await r.cycleAfter(0)

  await r.hold(phone, 'offline')
  const firstSeenDown = r.now() + 30_000
  // Seen down at the first of these cycles; offline (the watch's event) 60 s later; the rule's 3 minutes at 180 s.
  for (let i = 0; i < 6; i++) await r.cycleAfter(30)
  expect(r.now()).toBe(firstSeenDown + 150_000)
  expect(finalRuns(r.runs)).toEqual([])
  await r.cycleAfter(30)
  const [run] = finalRuns(r.runs)
  expect(run).toMatchObject({ ruleId: 'offline-repair', connectionId: phone, connectionName: 'Moscow MTS 01', trigger: { event: 'offline', at: firstSeenDown + 180_000 } })
  // Held offline, nothing repairs it: the change of IP cannot read the exit IP, the reboot is taken, the check fails.
  expect(run!.steps.map((s) => [s.step.kind, s.outcome])).toEqual([
    ['change_ip_verify', 'failed'],
    ['command', 'ok'],
    ['check', 'failed'],
    ['alert', 'ok'],
  ])
  expect(run!.outcome).toBe('failed')

  // Held down for longer: nothing more for this outage.
  for (let i = 0; i < 10; i++) await r.cycleAfter(30)
  expect(finalRuns(r.runs)).toHaveLength(1)
  // Back, and down again within the hour: the rule falls due again but its limit (1 an hour) holds it back.
  await r.hold(phone, 'release')
  await r.cycleAfter(30)
  await r.hold(phone, 'offline')
  for (let i = 0; i < 10; i++) await r.cycleAfter(30)
  expect(r.store.watchEvents({ connectionId: phone, kinds: ['connection_offline'] }).events).toHaveLength(2)
  expect(finalRuns(r.runs)).toHaveLength(1)
  expect(r.lines.join('\n')).toContain('held back, it ran 1 time(s) within the hour')

  // The run is one entry of the audit trail with its steps, their outcomes and times.
  const audit = r.store.audit({ kinds: ['rule'] })
  expect(audit.entries).toHaveLength(1)
  const entry = audit.entries[0]!
  expect(entry).toMatchObject({ id: run!.id, kind: 'rule', by: 'rule', title: repairOffline.name, ruleId: 'offline-repair', outcome: 'failed' })
  expect(entry.steps.map((s) => [s.step, s.outcome, s.connectionId])).toEqual([
    ['change_ip_verify', 'failed', phone],
    ['reboot', 'ok', phone],
    ['check', 'failed', phone],
    ['alert', 'ok', phone],
  ])
  expect(entry.steps.every((s) => s.at >= entry.startedAt && (s.endedAt ?? s.at) <= entry.endedAt!)).toBe(true)
  expect(entry.steps[0]!.error).toBeTruthy()
  // The alert step went out as a watch event, with the rule's name and what was tried.
  const alerts = r.store.watchEvents({ kinds: ['rule_alert'] }).events
  expect(alerts.map((e) => [e.connectionId, e.data?.rule, e.data?.tried])).toEqual([[phone, repairOffline.name, 'change_ip_verify:failed, reboot:ok, check:failed']])

  // The dry run over this recorded history names the same connection: the run, then the firing the limit held back.
  const report = dryRun([repairOffline], { history: r.store, now: r.now() })
  expect(report.hits.map((h) => [h.connectionId, h.verdict])).toEqual([
    [phone, 'run'],
    [phone, 'limited'],
  ])
  expect(report.hits[0]).toMatchObject({ at: firstSeenDown + 180_000, trigger: 'offline', connectionName: 'Moscow MTS 01', steps: repairOffline.do })
}, 60_000)

test('stop on success: a change of IP that works ends the chain; a phone another action holds is left alone, and that is recorded', async () => {
  rig = await openRig({ intervalSeconds: 30 })
  const r = rig
  const rule: Rule = {
    id: 'same-ip',
    name: 'Change the IP again when it stayed the same',
    enabled: true,
    when: { event: 'ip_not_changed' },
    do: [{ kind: 'change_ip_verify' }, { kind: 'command', command: 'reboot' }, { kind: 'alert' }],
    limits: { maxRunsPerHour: 5, stopOnSuccess: true },
  }
  r.rules.push(rule)
  const phone = r.idOf('London EE')
  await r.cycleAfter(0)
  r.engine.reportIpNotChanged(phone, '203.0.113.7')
  await r.cycleAfter(30)
  const [run] = finalRuns(r.runs)
  expect(run!.steps.map((s) => [s.step.kind, s.outcome])).toEqual([
    ['change_ip_verify', 'ok'],
    ['command', 'skipped'],
    ['alert', 'skipped'],
  ])
  expect(run!.outcome).toBe('succeeded')
  expect(run!.steps[1]!.reason).toBe('Not needed: the connection works again.')
  expect(r.store.audit({ kinds: ['rule'] }).entries[0]).toMatchObject({ outcome: 'done', title: rule.name })
  expect(r.store.watchEvents({ kinds: ['rule_alert'] }).events).toEqual([])

  // A bulk run (here: the gate held by hand) acts on the phone: the rule falls due, does nothing, says why.
  const release = r.gate.tryAcquire(phone)!
  r.engine.reportIpNotChanged(phone, '203.0.113.7')
  await r.cycleAfter(30)
  release()
  const busy = finalRuns(r.runs)[1]!
  expect(busy.outcome).toBe('cancelled')
  expect(busy.steps.map((s) => [s.outcome, s.reason])).toEqual(rule.do.map(() => ['skipped', 'Not run: another action was running on the connection.']))
  const entries = r.store.audit({ kinds: ['rule'] }).entries
  expect(entries.map((e) => e.outcome)).toEqual(['cancelled', 'done'])
}, 60_000)

test('stopping the watch cancels a chain in flight: the rest of its steps are recorded cancelled', async () => {
  rig = await openRig({ intervalSeconds: 30 })
  const r = rig
  r.rules.push({
    id: 'slow',
    name: 'Wait an hour, then check',
    enabled: true,
    when: { event: 'ip_not_changed' },
    do: [{ kind: 'wait', seconds: 3600 }, { kind: 'check' }],
    limits: { maxRunsPerHour: 1, stopOnSuccess: true },
  })
  const phone = r.idOf('London EE')
  await r.engine.runCycle()
  r.engine.reportIpNotChanged(phone, '203.0.113.7')
  await r.engine.runCycle()
  // The chain is waiting: judged, started, not ended.
  for (let i = 0; i < 100 && r.engine.rules!.running().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(r.engine.rules!.running().map((run) => run.connectionId)).toEqual([phone])
  const started = performance.now()
  await r.engine.stop()
  expect(performance.now() - started).toBeLessThan(5_000)
  const [run] = finalRuns(r.runs)
  expect(run!.outcome).toBe('cancelled')
  expect(run!.steps.map((s) => [s.step.kind, s.outcome])).toEqual([
    ['wait', 'cancelled'],
    ['check', 'cancelled'],
  ])
  expect(r.store.audit({ kinds: ['rule'] }).entries.map((e) => [e.outcome, e.steps.map((s) => s.outcome)])).toEqual([['cancelled', ['cancelled', 'cancelled']]])
}, 60_000)

test('an exit IP that came back (reportIpRepeated) is an ip_repeated event, and a rule within its hours acts on it', async () => {
  rig = await openRig({ intervalSeconds: 30 })
  const r = rig
  r.rules.push({
    id: 'repeat',
    name: 'Check when an old IP comes back',
    enabled: true,
    when: { event: 'ip_repeated', withinHours: 2 },
    do: [{ kind: 'check' }],
    limits: { maxRunsPerHour: 5, stopOnSuccess: true },
  })
  const phone = r.idOf('London EE')
  await r.cycleAfter(0)
  // Came back after 3 hours: outside the rule's 2; after 1 hour: inside.
  r.engine.reportIpRepeated(phone, '203.0.113.7', 3 * 3_600_000)
  await r.cycleAfter(30)
  expect(finalRuns(r.runs)).toEqual([])
  r.engine.reportIpRepeated(phone, '203.0.113.8', 3_600_000)
  await r.cycleAfter(30)
  expect(finalRuns(r.runs).map((run) => [run.trigger.event, run.connectionId, run.outcome, run.steps.map((s) => s.outcome)])).toEqual([['ip_repeated', phone, 'succeeded', ['ok']]])
  expect(r.store.watchEvents({ kinds: ['ip_repeated'] }).events.map((e) => [e.connectionName, e.data?.ip, e.data?.returnedAfterMs])).toEqual([
    ['London EE', '203.0.113.8', 3_600_000],
    ['London EE', '203.0.113.7', 3 * 3_600_000],
  ])
}, 60_000)

test('rule steps across phones keep to the bulk concurrency setting, read as each step starts', async () => {
  let cap = 1
  rig = await openRig({ offlineAfterSeconds: 60, intervalSeconds: 30 }, () => cap)
  const r = rig
  const phones = ['Moscow MTS 01', 'Moscow Tele2 02', 'New York T-Mobile'].map((name) => r.idOf(name))
  r.rules.push({ ...repairOffline, do: [{ kind: 'command', command: 'reboot' }], limits: { maxRunsPerHour: 5, stopOnSuccess: false }, scope: { connectionIds: phones } })
  await r.cycleAfter(0)
  for (const phone of phones) await r.hold(phone, 'offline')
  for (let i = 0; i < 8; i++) await r.cycleAfter(30)
  expect(finalRuns(r.runs).map((run) => run.connectionId).sort()).toEqual([...phones].sort())
  expect(inFlight.most).toBe(1)

  // The setting raised (the pace form): the next outage's steps run side by side.
  cap = 3
  for (const phone of phones) await r.hold(phone, 'release')
  await r.cycleAfter(30)
  for (const phone of phones) await r.hold(phone, 'offline')
  for (let i = 0; i < 8; i++) await r.cycleAfter(30)
  expect(finalRuns(r.runs)).toHaveLength(6)
  expect(inFlight.most).toBe(3)
})
