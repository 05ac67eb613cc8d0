/**
 * A change of IP that leaves the same exit IP reaches the fleet watch: the simulator accepts the change-IP command
 * but the phone does nothing (an injected answer), the real health service's rotate-and-verify times out still on
 * the old IP, and the recording layer tells the watch engine, which raises `ip_not_changed` with that IP.
 */
import { expect, test } from 'vitest'
import { startSimulator } from '../../../src/main/demo'
import type { Implementations } from '../../../src/main/handler-table'
import { openHistoryStore } from '../../../src/main/history'
import { withHistoryRecording } from '../../../src/main/history/app-recording'
import { createWatchEngine } from '../../../src/main/watch/engine'
import type { RotateVerifyResult } from '../../../src/shared/health'
import { DEFAULT_WATCH_SETTINGS } from '../../../src/shared/watch'
import { RecordingSink } from '../watch/engine-support'
import { memoryLog, servicesOnSimulator, tempDir } from './support'

test('a change of IP that timed out on the old IP becomes ip_not_changed in the watch', async () => {
  const sim = await startSimulator({ seed: 'demo' })
  const { log, client, store, health, ...services } = await servicesOnSimulator(sim, { timeoutMs: 5_000, rotatePollMs: 200 })
  const sink = new RecordingSink()
  const engine = createWatchEngine({ client: () => client, history: store, settings: async () => DEFAULT_WATCH_SETTINGS, alerts: sink, log })
  try {
    const phone = [...sim.state.connections.values()].find((c) => c.name === 'Moscow MTS 01')!
    const oldIp = phone.ip!.ipv4
    // The command is "sent", and nothing happens on the phone.
    sim.faults.add({ path: '/connection/*/command-push', fault: { kind: 'json', body: { message: 'changeip command has been sent' } } })
    // Only the call this test needs: the real health service behind it.
    const table = { 'health.rotateAndVerify': (input: { connectionIds: string[]; timeoutMs?: number }) => health.rotateAndVerify(input.connectionIds, { timeoutMs: input.timeoutMs! }) }
    const wrapped = withHistoryRecording(table as unknown as Implementations, store, log, { ipNotChanged: (id, ip) => engine.reportIpNotChanged(id, ip) })
    const run = wrapped['health.rotateAndVerify'] as unknown as (input: { connectionIds: string[]; timeoutMs: number }) => Promise<RotateVerifyResult[]>
    const [result] = await run({ connectionIds: [phone.id], timeoutMs: 1_500 })
    expect(result).toMatchObject({ status: 'timeout', oldIp, lastIp: oldIp })

    const events = await engine.runCycle()
    expect(events.map((e) => [e.kind, e.connectionId, e.data?.ip])).toEqual([['ip_not_changed', phone.id, oldIp]])
    expect(store.watchEvents({ kinds: ['ip_not_changed'] }).events).toHaveLength(1)
  } finally {
    await engine.stop()
    await services.close()
    await sim.stop()
  }
})

test('a timeout on a new exit IP that was used too recently is not ip_not_changed', async () => {
  const dir = tempDir()
  const { log } = memoryLog()
  const store = await openHistoryStore(dir, { log })
  const told: string[] = []
  try {
    const timedOut: RotateVerifyResult = { connectionId: 'c1', ok: false, status: 'timeout', message: 'used recently', oldIp: '198.51.100.1', lastIp: '198.51.100.2', seconds: 60, attempts: 5, waitedUnique: true }
    const table = { 'health.rotateAndVerify': async () => [timedOut, { ...timedOut, connectionId: 'c2', lastIp: '198.51.100.1' }] }
    const wrapped = withHistoryRecording(table as unknown as Implementations, store, log, { ipNotChanged: (id, ip) => void told.push(`${id} ${ip}`) })
    await (wrapped['health.rotateAndVerify'] as unknown as (input: unknown) => Promise<unknown>)({ connectionIds: ['c1', 'c2'] })
    expect(told).toEqual(['c2 198.51.100.1'])
  } finally {
    await store.close()
  }
})
