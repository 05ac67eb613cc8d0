/**
 * Bulk runs on 50 simulated connections against the real simulator on loopback, with failures injected per
 * connection by its fault rules: a result per connection, "retry the failed ones" retries only those, cancel stops
 * new work and lets running calls finish, a bad setting is refused before any request, every run and step lands
 * in the history's audit trail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { BulkRun } from '../../../src/shared/bulk'
import { bulkHarness, requests, until, usableConnections, type BulkHarness } from './support'

let sim: Simulator
let h: BulkHarness

beforeAll(async () => {
  // 120 generated phones, of which some 70 are online with a working proxy; a reboot is over in 50 ms.
  sim = await startSimulator({ scale: { connections: 120, proxiesPerConnection: 1 }, bindListeners: true, timing: { rebootOfflineMs: 50 } })
})
afterAll(async () => {
  await sim.stop()
})
afterEach(async () => {
  sim.faults.clear()
  await h?.close()
})

const commandPath = (id: string) => `/connection/${id}/command-push`
const settingsPath = (id: string) => `/connections/${id}/update-settings`

describe('reboot on 50 connections', () => {
  test('a result per connection; retry the failed ones retries only those', async () => {
    h = await bulkHarness(sim)
    const ids = [...sim.state.connections.keys()].slice(0, 50)
    const failing = [ids[3]!, ids[11]!, ids[17]!, ids[29]!, ids[30]!, ids[41]!, ids[49]!]
    for (const id of failing) sim.faults.add({ path: commandPath(id), fault: { kind: 'status', status: 500 } })
    const before = new Map(ids.map((id) => [id, requests(sim, commandPath(id))]))

    const started = await h.bulk.start({ action: { kind: 'command', command: 'reboot' }, connectionIds: ids })
    expect(started.state).toBe('running')
    expect(started.items).toHaveLength(50)
    const run = await h.bulk.done(started.id)

    expect(run.state).toBe('done')
    expect(run.counts).toMatchObject({ total: 50, done: 43, failed: 7, skipped: 0, cancelled: 0, pending: 0, running: 0 })
    expect(run.items.filter((i) => i.state === 'failed').map((i) => i.connectionId).sort()).toEqual([...failing].sort())
    for (const item of run.items) {
      expect(item.name).toBe(sim.state.connections.get(item.connectionId)!.name)
      if (item.state === 'failed') {
        expect(item.code).toBe('server_error')
        expect(item.reason).toMatch(/server/i)
        expect(item.reason).not.toContain(sim.apiKey)
      } else {
        expect(item.state).toBe('done')
        expect(item.detail).toMatchObject({ command: 'reboot' })
      }
      expect(item.startedAt).toBeLessThanOrEqual(item.endedAt!)
    }
    const after = new Map(ids.map((id) => [id, requests(sim, commandPath(id))]))
    for (const id of ids) expect(after.get(id)! - before.get(id)!, id).toBeGreaterThanOrEqual(1)

    // Three phones are still broken; the other four answer now.
    sim.faults.clear()
    for (const id of failing.slice(0, 3)) sim.faults.add({ path: commandPath(id), fault: { kind: 'status', status: 500 } })
    const retry = await h.bulk.done((await h.bulk.retryFailed(run.id)).id)
    expect(retry.retryOf).toBe(run.id)
    expect(retry.items.map((i) => i.connectionId).sort()).toEqual([...failing].sort())
    expect(retry.counts).toMatchObject({ total: 7, done: 4, failed: 3 })
    const afterRetry = new Map(ids.map((id) => [id, requests(sim, commandPath(id))]))
    for (const id of ids) {
      if (failing.includes(id)) expect(afterRetry.get(id)!, id).toBeGreaterThan(after.get(id)!)
      else expect(afterRetry.get(id)!, id).toBe(after.get(id)!)
    }

    // Both runs in the audit trail, newest first, each connection a step.
    const { entries } = h.store.audit({})
    expect(entries.map((e) => [e.id, e.kind, e.by, e.title, e.outcome, e.steps.length])).toEqual([
      [retry.id, 'bulk', 'user', 'reboot', 'partial', 7],
      [run.id, 'bulk', 'user', 'reboot', 'partial', 50],
    ])
    expect(entries[0]!.detail).toMatchObject({ command: 'reboot', retryOf: run.id, connections: 7 })
    const failedStep = entries[1]!.steps.find((s) => s.connectionId === failing[0])!
    expect(failedStep).toMatchObject({ step: 'reboot', outcome: 'failed', connectionName: sim.state.connections.get(failing[0]!)!.name })
    expect(failedStep.error).toMatch(/server/i)
    // The connection's own trail: both runs, only its steps.
    const mine = h.store.audit({ connectionId: failing[0]! })
    expect(mine.entries.map((e) => e.steps.map((s) => [s.connectionId, s.outcome]))).toEqual([[[failing[0], 'failed']], [[failing[0], 'failed']]])
    // And its History timeline shows the reboots as actions of those runs.
    const timeline = h.store.events({ connectionId: ids[0]!, from: 0, to: Date.now() + 1, kinds: ['action'] })
    expect(timeline.events).toEqual([expect.objectContaining({ kind: 'action', action: 'reboot', outcome: 'ok', by: 'user', runId: run.id })])
    // Once every phone answers, nothing is left to retry.
    sim.faults.clear()
    const third = await h.bulk.done((await h.bulk.retryFailed(retry.id)).id)
    expect(third.counts).toMatchObject({ total: 3, done: 3 })
    await expect(h.bulk.retryFailed(third.id)).rejects.toMatchObject({ code: 'nothing_to_retry' })
  })

  test('cancel: no new work starts, the calls in flight finish', async () => {
    h = await bulkHarness(sim)
    const ids = [...sim.state.connections.keys()].slice(50, 100)
    sim.faults.add({ path: '/connection/*/command-push', fault: { kind: 'latency', ms: 500 } })
    const countBefore = ids.reduce((n, id) => n + requests(sim, commandPath(id)), 0)
    const started = await h.bulk.start({ action: { kind: 'command', command: 'refresh' }, connectionIds: ids, concurrency: 5 })
    await until('five calls in flight', () => h.bulk.runs()[0]!.counts.running === 5)
    await until('the five requests at the simulator', () => ids.reduce((n, id) => n + requests(sim, commandPath(id)), 0) - countBefore === 5)

    const cancelling = h.bulk.cancel(started.id)
    expect(cancelling.state).toBe('cancelling')
    expect(cancelling.counts).toMatchObject({ running: 5, cancelled: 45, pending: 0 })
    const run = await h.bulk.done(started.id)
    expect(run.state).toBe('cancelled')
    // The five in flight finished and kept their results; nothing else was sent.
    expect(run.counts).toMatchObject({ done: 5, cancelled: 45, failed: 0 })
    expect(ids.reduce((n, id) => n + requests(sim, commandPath(id)), 0) - countBefore).toBe(5)
    for (const item of run.items.filter((i) => i.state === 'cancelled')) expect(item.reason).toBe('Cancelled before it started.')
    // The last progress event is the end.
    expect(h.progress.at(-1)).toMatchObject({ id: started.id, state: 'cancelled' })

    const [entry] = h.store.audit({ kinds: ['bulk'], limit: 1 }).entries
    expect(entry).toMatchObject({ id: run.id, outcome: 'cancelled', title: 'refresh' })
    expect(entry!.steps.filter((s) => s.outcome === 'cancelled')).toHaveLength(45)
    expect(entry!.steps.filter((s) => s.outcome === 'ok')).toHaveLength(5)
    // Steps that never reached a phone are the audit's, not the timeline's.
    const cancelledId = run.items.find((i) => i.state === 'cancelled')!.connectionId
    expect(h.store.events({ connectionId: cancelledId, from: 0, to: Date.now() + 1, kinds: ['action'] }).events).toEqual([])
  })
})

describe('settings on 50 connections', () => {
  test('applied to each, failures named per connection', async () => {
    h = await bulkHarness(sim)
    const ids = [...sim.state.connections.keys()].slice(0, 50)
    const failing = [ids[5]!, ids[25]!, ids[45]!]
    for (const id of failing) sim.faults.add({ path: settingsPath(id), fault: { kind: 'status', status: 503 } })
    const settings = { ip_change_interval_minutes: 17, dns: ['1.1.1.1', '8.8.8.8'], low_battery_reboot_threshold: 20 }
    const run = await h.bulk.done((await h.bulk.start({ action: { kind: 'settings', settings }, connectionIds: ids, concurrency: 10 })).id)
    expect(run.concurrency).toBe(10)
    expect(run.counts).toMatchObject({ done: 47, failed: 3 })
    for (const id of ids) {
      const applied = sim.state.connections.get(id)!.settings
      if (failing.includes(id)) expect(applied.ip_change_interval_minutes).not.toBe(17)
      else expect(applied).toMatchObject(settings)
    }
    const item = run.items.find((i) => i.state === 'done')!
    expect(item.detail).toEqual({ ip_change_interval_minutes: 17, dns: '1.1.1.1 8.8.8.8', low_battery_reboot_threshold: 20 })
    const [entry] = h.store.audit({ limit: 1 }).entries
    expect(entry!.detail).toMatchObject({ ip_change_interval_minutes: 17, dns: '1.1.1.1 8.8.8.8', connections: 50, concurrency: 10 })
  })

  test('a bad value is refused by the schema before any request', async () => {
    h = await bulkHarness(sim)
    const ids = [...sim.state.connections.keys()].slice(0, 50)
    const sent = () => ids.reduce((n, id) => n + requests(sim, settingsPath(id)), 0)
    const before = sent()
    const apiBefore = sim.control.apiRequestCount()
    const bad = { action: { kind: 'settings' as const, settings: { ip_change_interval_minutes: 17, low_battery_reboot_threshold: 120 } }, connectionIds: ids }
    await expect(h.bulk.start(bad)).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/action\.settings\.low_battery_reboot_threshold: must be a number from 0 to 95/),
      details: { field: 'action.settings.low_battery_reboot_threshold' },
    })
    await expect(h.bulk.preview(bad)).rejects.toMatchObject({ code: 'validation' })
    await expect(h.bulk.start({ action: { kind: 'settings', settings: {} }, connectionIds: ids })).rejects.toMatchObject({ code: 'validation' })
    expect(sent()).toBe(before)
    // Not even the connections list was read.
    expect(sim.control.apiRequestCount()).toBe(apiBefore)
    expect(h.store.audit({}).entries).toEqual([])
  })
})

describe('change IP and verify on 50 connections', () => {
  test('each verified through its proxy and recorded like the page does; failures and skips named', async () => {
    const repeated: string[] = []
    h = await bulkHarness(sim, { listeners: { ipRepeated: (id, ip) => void repeated.push(`${id} ${ip}`) } })
    const ids = usableConnections(sim, 50)
    const failing = [ids[2]!, ids[20]!, ids[38]!]
    for (const id of failing) sim.faults.add({ path: commandPath(id), fault: { kind: 'status', status: 500 } })
    // One connection without a proxy to check through, and one id the account does not have.
    const noProxy = [...sim.state.connections.values()].find((c) => !ids.includes(c.id))!.id
    for (const [pid, p] of sim.state.proxies) if (p.connectionId === noProxy) sim.state.proxies.delete(pid)
    const oldIps = new Map(ids.map((id) => [id, sim.state.connections.get(id)!.ip!.ipv4]))

    const preview = await h.bulk.preview({ action: { kind: 'change_ip_verify' }, connectionIds: [...ids, noProxy, 'no-such-phone'] })
    expect(preview).toMatchObject({ count: 51, unknownIds: ['no-such-phone'], concurrency: 5 })
    expect(preview.balance).toBeUndefined()
    expect(preview.names[0]).toBe(sim.state.connections.get(ids[0]!)!.name)

    const started = await h.bulk.start({ action: { kind: 'change_ip_verify', timeoutSeconds: 20 }, connectionIds: [...ids, noProxy, 'no-such-phone'], concurrency: 8 })
    expect(started.items.at(-1)).toMatchObject({ connectionId: 'no-such-phone', state: 'skipped', code: 'no_such_connection' })
    const run = await h.bulk.done(started.id)
    expect(run.counts).toMatchObject({ total: 52, done: 47, failed: 3, skipped: 2 })
    for (const item of run.items) {
      if (failing.includes(item.connectionId)) {
        expect(item).toMatchObject({ state: 'failed', code: 'change_ip_command_failed', detail: { status: 'command_failed', oldIp: oldIps.get(item.connectionId) } })
        expect(item.reason).toMatch(/change-IP command was not accepted/)
      } else if (item.connectionId === noProxy) {
        expect(item).toMatchObject({ state: 'skipped', code: 'no_proxy', reason: expect.stringMatching(/no proxy/) })
      } else if (item.connectionId !== 'no-such-phone') {
        const now = sim.state.connections.get(item.connectionId)!.ip!.ipv4
        expect(item.state, item.reason).toBe('done')
        expect(item.detail).toMatchObject({ status: 'changed', oldIp: oldIps.get(item.connectionId), newIp: now })
        expect(now).not.toBe(oldIps.get(item.connectionId))
      }
    }

    // As health.rotateAndVerify is recorded: both exit IPs, and one change_ip action (the run's step).
    const id = ids[0]!
    const item = run.items.find((i) => i.connectionId === id)!
    expect(h.store.exitIps(id).map((e) => e.ip).sort()).toEqual([item.detail!.oldIp, item.detail!.newIp].sort())
    const actions = h.store.events({ connectionId: id, from: 0, to: Date.now() + 1, kinds: ['action'] }).events
    expect(actions).toEqual([expect.objectContaining({ action: 'change_ip', outcome: 'ok', by: 'user', runId: run.id, detail: expect.objectContaining({ newIp: item.detail!.newIp }) })])
    const [entry] = h.store.audit({ limit: 1 }).entries
    expect(entry).toMatchObject({ id: run.id, title: 'change_ip_verify', outcome: 'partial', detail: { timeoutSeconds: 20, connections: 51, unknownConnections: 1 } })
    // The unknown id is named in the run, not stored as a connection of the history.
    expect(entry!.steps).toHaveLength(51)
    expect(entry!.steps.every((s) => s.step === 'change_ip_verify')).toBe(true)
    expect(h.store.board().some((r) => r.connectionId === 'no-such-phone')).toBe(false)
    expect(repeated).toEqual([])
  })
})

describe('the same phone twice', () => {
  test('a second run on a phone waits for the first and the gap, then goes', async () => {
    const gapMs = 600
    h = await bulkHarness(sim, { gapMs })
    const [id] = [...sim.state.connections.keys()].slice(100, 101) as [string]
    sim.faults.add({ path: commandPath(id), fault: { kind: 'latency', ms: 200 } })
    const first = await h.bulk.start({ action: { kind: 'command', command: 'refresh' }, connectionIds: [id] })
    const second = await h.bulk.start({ action: { kind: 'command', command: 'speed_test' }, connectionIds: [id] })
    const [a, b] = await Promise.all([h.bulk.done(first.id), h.bulk.done(second.id)])
    const x = a.items[0]!
    const y = b.items[0]!
    expect([x.state, y.state]).toEqual(['done', 'done'])
    // Spaced, not fired together: the second started at least the gap after the first ended.
    expect(y.startedAt! - x.endedAt!).toBeGreaterThanOrEqual(gapMs - 5)
    // It was `waiting` meanwhile, in the progress the page sees.
    expect(h.progress.some((r: BulkRun) => r.id === second.id && r.items[0]!.state === 'waiting')).toBe(true)
    expect(h.bulk.runs().map((r) => r.id)).toEqual([second.id, first.id])
  })
})
