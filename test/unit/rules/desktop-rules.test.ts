/**
 * The rules in the app's watch (watch-parts.ts + desktop-watch.ts), as wiring.ts builds it: the rules of rules.json
 * in the data folder, read again as it changes, run on the active profile's fleet through the real connection
 * actions, each run sent to the page as `rules.run` and written to the audit trail; disposing the watch cancels a
 * chain in flight.
 */
import { afterEach, expect, test } from 'vitest'
import { createAuditWriter, createConnectionActions, createPhoneGate } from '../../../src/main/bulk'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { HealthService } from '../../../src/main/health/service'
import type { HistoryStore } from '../../../src/main/history'
import type { IproxyClient } from '../../../src/main/iproxy'
import { createRulesStore, type RulesStore } from '../../../src/main/rules/store'
import { createDesktopWatch, type DesktopWatch } from '../../../src/main/watch/desktop-watch'
import { createWatchParts } from '../../../src/main/watch/watch-parts'
import type { EventName, EventPayload } from '../../../src/shared/bridge'
import type { Rule, RuleRun } from '../../../src/shared/rules'
import { servicesOnSimulator } from '../history/support'

interface Rig {
  sim: Simulator
  client: IproxyClient
  store: HistoryStore
  health: HealthService
  rules: RulesStore
  watch: DesktopWatch
  /** What reached the page as `rules.run`. */
  runs: RuleRun[]
  close(): Promise<void>
}

let rig: Rig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

async function openRig(): Promise<Rig> {
  const sim = await startSimulator({ seed: 'demo' })
  const { dir, log, client, store, checks, health, ...services } = await servicesOnSimulator(sim)
  const rules = createRulesStore({ dataDir: dir, log })
  const runs: RuleRun[] = []
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => {
    if (name === 'rules.run') runs.push(payload as RuleRun)
  }
  const parts = createWatchParts({
    userDataDir: dir,
    log,
    history: store,
    checks,
    client: () => client,
    language: () => 'ru',
    demoEchoUrl: async () => sim.echoUrl,
    rules: {
      store: rules,
      actions: createConnectionActions({ client: () => client, health, history: store, log }),
      gate: createPhoneGate({ gapMs: 0 }),
      audit: createAuditWriter(store, log),
      concurrency: () => 5,
      onRun: (run) => emit('rules.run', run),
    },
  })
  const watch = createDesktopWatch({ emit, log, activeProfileId: () => 'a', language: () => 'ru' }, parts)
  return {
    sim,
    client,
    store,
    health,
    rules,
    watch,
    runs,
    async close() {
      await watch.dispose()
      await services.close()
      await sim.stop()
    },
  }
}

async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const ended = (runs: RuleRun[]) => runs.filter((r) => r.outcome !== 'running')

const sameIp = (over: Partial<Rule> = {}): Rule => ({
  id: 'same-ip',
  name: 'Change the IP again',
  enabled: true,
  when: { event: 'ip_not_changed' },
  do: [{ kind: 'change_ip_verify' }, { kind: 'alert' }],
  limits: { maxRunsPerHour: 3, stopOnSuccess: true },
  ...over,
})

test('the app\'s watch runs the rules of rules.json, off until enabled, and tells the page each run', async () => {
  rig = await openRig()
  const r = rig
  const phone = [...r.sim.state.connections.values()].find((c) => c.name === 'London EE')!.id
  // A rule saved off: nothing runs.
  await r.rules.save({ rules: [sameIp({ enabled: false })] })
  await r.watch.start()
  await r.watch.checkNow()
  r.watch.engine.reportIpNotChanged(phone, '203.0.113.7')
  await r.watch.checkNow()
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(r.runs).toEqual([])

  // Turned on (as the page's save does): read at the next cycle, then it fires.
  await r.rules.save({ rules: [sameIp()] })
  await r.watch.checkNow()
  r.watch.engine.reportIpNotChanged(phone, '203.0.113.7')
  await r.watch.checkNow()
  await until('the rule run to end', () => ended(r.runs).length === 1)
  const run = ended(r.runs)[0]!
  expect(run).toMatchObject({ ruleId: 'same-ip', connectionId: phone, connectionName: 'London EE', outcome: 'succeeded' })
  // The page saw it start, move and end; the reasons are in the interface's language.
  expect(r.runs[0]!.outcome).toBe('running')
  expect(run.steps.map((s) => [s.step.kind, s.outcome, s.reason])).toEqual([
    ['change_ip_verify', 'ok', undefined],
    ['alert', 'skipped', 'Не понадобилось: подключение снова работает.'],
  ])
  expect(r.store.audit({ connectionId: phone }).entries.map((e) => [e.kind, e.title, e.outcome])).toEqual([['rule', 'Change the IP again', 'done']])
}, 60_000)

test('disposing the app\'s watch cancels a chain in flight and records it', async () => {
  rig = await openRig()
  const r = rig
  const phone = [...r.sim.state.connections.values()].find((c) => c.name === 'London EE')!.id
  await r.rules.save({ rules: [sameIp({ do: [{ kind: 'wait', seconds: 600 }, { kind: 'check' }] })] })
  await r.watch.start()
  await r.watch.checkNow()
  r.watch.engine.reportIpNotChanged(phone, '203.0.113.7')
  await r.watch.checkNow()
  await until('the chain to start', () => r.runs.length > 0)
  await r.watch.dispose()
  const run = ended(r.runs)[0]!
  expect(run.outcome).toBe('cancelled')
  expect(run.steps.map((s) => s.outcome)).toEqual(['cancelled', 'cancelled'])
  expect(r.store.audit({ kinds: ['rule'] }).entries.map((e) => e.outcome)).toEqual(['cancelled'])
}, 60_000)
