/**
 * The health service against the simulator's API and proxies: batches of account proxies with coalesced
 * progress, cancel, history kept on disk, pasted lists, settings, and change IP and verify.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { HealthService } from '../../../src/main/health/service'
import { HISTORY_FILE } from '../../../src/main/health/history'
import { SETTINGS_FILE } from '../../../src/main/health/settings'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { HEALTH_HISTORY_LIMIT, type HealthProgress } from '../../../src/shared/health'
import { expectNoLeakedHandles, simHealthService, simTargets, tcpHandleCount } from './support'

let sim: Simulator
let client: IproxyClient
let dir: string
let service: HealthService
let events: HealthProgress[]

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

async function freshService(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'iproxy-health-'))
  client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, maxRetries: 0 })
  events = []
  service = simHealthService(sim, client, dir, events)
}

afterEach(async () => {
  await service.dispose()
  await client.close().catch(() => {}) // some tests close it themselves
  await rm(dir, { recursive: true, force: true })
  sim.faults.clear()
})

/** Account items for usable proxies (bound, online connection, no ACL or expiry). */
function accountItems(count: number) {
  const all = [...simTargets(sim, 'socks5', Math.ceil(count / 2)), ...simTargets(sim, 'http', Math.floor(count / 2))]
  return all.map((t) => ({ connectionId: t.connectionId, proxyId: t.proxyId }))
}

async function finished(batchId: string): Promise<HealthProgress> {
  await service.settled(batchId)
  const last = events.filter((e) => e.batchId === batchId).at(-1)
  if (!last?.finished) throw new Error('the batch sent no final event')
  return last
}

describe('batches', () => {
  it('checks account proxies by id: ok, exit IP = the connection IP (no mismatch), progress coalesced', async () => {
    const baseline = tcpHandleCount()
    await freshService()
    sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: 20 } }])
    const items = accountItems(10)
    const started = Date.now()
    const { batchId, total } = await service.checkMany(items, 3)
    expect(total).toBe(10)
    const last = await finished(batchId)
    const took = Date.now() - started
    const mine = events.filter((e) => e.batchId === batchId)
    // At most one event per 100 ms, plus the final one.
    expect(mine.length).toBeLessThanOrEqual(Math.ceil(took / 100) + 2)
    expect(last.done).toBe(10)
    expect(last.counts.ok).toBe(10)
    const results = mine.flatMap((e) => e.results)
    expect(results).toHaveLength(10)
    for (const r of results) {
      const conn = sim.state.connections.get(r.connectionId!)!
      expect(r.result.status, r.result.error).toBe('ok')
      expect(r.result.exitIp).toBe(conn.ip!.ipv4)
      expect(r.result.expectedIp).toBe(conn.ip!.ipv4)
      expect(r.result.ipMismatch).toBe(false)
      expect(r.label).toMatch(/^(socks5|http):\/\/.+@127\.0\.0\.1:\d+$/)
      expect(JSON.stringify(r)).not.toContain(sim.state.proxies.get(r.proxyId!)!.password!)
    }
    await service.dispose()
    await client.close() // the API client's keep-alive sockets
    await expectNoLeakedHandles(baseline)
  })

  it('cancel mid-batch: finished event, the rest cancelled, nothing left open', async () => {
    await freshService()
    sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: 250 } }])
    const items = [...accountItems(10), ...accountItems(10), ...accountItems(10)]
    const { batchId } = await service.checkMany(items, 5)
    // Cancel once a few have finished (waiting on results, not on the clock: this machine may be busy).
    const until = Date.now() + 10_000
    while (events.filter((e) => e.batchId === batchId).reduce((n, e) => n + e.counts.ok, 0) < 5 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(service.cancel(batchId)).toEqual({ cancelled: true })
    const last = await finished(batchId)
    expect(last.done).toBe(30)
    expect(last.counts.cancelled).toBeGreaterThan(0)
    expect(last.counts.ok).toBeGreaterThanOrEqual(5)
    expect(last.counts.ok + last.counts.cancelled).toBe(30)
    expect(service.cancel(batchId)).toEqual({ cancelled: false })
  })

  it('an unknown proxy id is reported, not thrown', async () => {
    await freshService()
    const [item] = accountItems(1)
    const { batchId } = await service.checkMany([{ connectionId: item!.connectionId, proxyId: 'no-such-proxy' }])
    const last = await finished(batchId)
    expect(last.counts.proxy_error).toBe(1)
    expect(events.flatMap((e) => e.results)[0]!.result.error).toMatch(/no longer in the account/)
    // The page says it in its own language by this code (health.reason.proxy_gone), not as main's English.
    expect(events.flatMap((e) => e.results)[0]!.result.reason).toBe('proxy_gone')
  })
})

describe('history and settings', () => {
  it('keeps the last 20 checks per proxy on disk', async () => {
    await freshService()
    const [item] = accountItems(1)
    for (let i = 0; i < HEALTH_HISTORY_LIMIT + 3; i++) await service.check(item!)
    const h = await service.history([item!.proxyId, 'unknown'])
    expect(h[item!.proxyId]).toHaveLength(HEALTH_HISTORY_LIMIT)
    expect(h.unknown).toBeUndefined()
    expect(h[item!.proxyId]![0]!.status).toBe('ok')
    await service.dispose()
    const onDisk = JSON.parse(await readFile(join(dir, HISTORY_FILE), 'utf8')) as Record<string, unknown[]>
    expect(onDisk[item!.proxyId]).toHaveLength(HEALTH_HISTORY_LIMIT)
  })

  it('settings: defaults are public echo services; updates are saved', async () => {
    await freshService()
    const s = await service.settings()
    expect(s.echoUrls[0]).toMatch(/^https:\/\//)
    expect(s.timeoutMs).toBe(10_000)
    const next = await service.updateSettings({ timeoutMs: 4_000, echoUrls: ['http://127.0.0.1:1/echo'] })
    expect(next.timeoutMs).toBe(4_000)
    const saved = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as { timeoutMs: number }
    expect(saved.timeoutMs).toBe(4_000)
  })
})

describe('pasted lists', () => {
  it('parses good lines (any format) and lists the bad ones with a reason; the good ones check ok', async () => {
    await freshService()
    const [s5, h] = [simTargets(sim, 'socks5', 1)[0]!, simTargets(sim, 'http', 1)[0]!]
    const text = [
      `socks5://${s5.target.username}:${s5.target.password}@127.0.0.1:${s5.target.port}`,
      `127.0.0.1:${h.target.port}:${h.target.username}:${h.target.password}`,
      'this is not a proxy',
    ].join('\n')
    const parsed = service.parseList(text, 'http')
    expect(parsed.items).toHaveLength(2)
    expect(parsed.items[0]!.target.protocol).toBe('socks5')
    expect(parsed.items[1]!.protocolAssumed).toBe(true)
    expect(parsed.items[0]!.label).not.toContain(s5.target.password)
    expect(parsed.rejected).toHaveLength(1)
    expect(parsed.rejected[0]!.lineNumber).toBe(3)
    expect(parsed.rejected[0]!.reason.length).toBeGreaterThan(5)
    const { batchId } = await service.checkMany(parsed.items.map((i) => ({ target: i.target, label: i.label })))
    const last = await finished(batchId)
    expect(last.counts.ok).toBe(2)
    const h2 = await service.history([parsed.items[0]!.label])
    expect(h2[parsed.items[0]!.label]).toHaveLength(1)
  })
})

describe('change IP and verify', () => {
  it('sees a new IP through the same proxy', async () => {
    await freshService()
    const [t] = simTargets(sim, 'socks5', 1)
    const before = sim.state.connections.get(t!.connectionId)!.ip!.ipv4
    const [result] = await service.rotateAndVerify([t!.connectionId], { timeoutMs: 10_000 })
    expect(result!.status, result!.message).toBe('changed')
    expect(result!.ok).toBe(true)
    expect(result!.oldIp).toBe(before)
    expect(result!.newIp).toBe(sim.state.connections.get(t!.connectionId)!.ip!.ipv4)
    expect(result!.newIp).not.toBe(before)
    expect(result!.attempts).toBeGreaterThanOrEqual(1)
    expect(result!.seconds).toBeGreaterThanOrEqual(0)
  })

  it('works for several connections at once', async () => {
    await freshService()
    const ids = [...new Set(simTargets(sim, 'http', 6).map((t) => t.connectionId))].slice(0, 3)
    const results = await service.rotateAndVerify(ids, { timeoutMs: 10_000 })
    expect(results.map((r) => r.connectionId)).toEqual(ids)
    for (const r of results) expect(r.status, r.message).toBe('changed')
  })

  it('with changeip faulted: a clear failure, and the IP is unchanged', async () => {
    await freshService()
    const [t] = simTargets(sim, 'socks5', 1)
    const before = sim.state.connections.get(t!.connectionId)!.ip!.ipv4
    sim.faults.set([{ path: '/connection/*/command-push', fault: { kind: 'status', status: 500 } }])
    const [result] = await service.rotateAndVerify([t!.connectionId], { timeoutMs: 10_000 })
    expect(result!.ok).toBe(false)
    expect(result!.status).toBe('command_failed')
    expect(result!.message).toMatch(/change-IP command was not accepted/)
    expect(result!.oldIp).toBe(before)
    expect(sim.state.connections.get(t!.connectionId)!.ip!.ipv4).toBe(before)
  })

  it('times out clearly when the IP never changes', async () => {
    await freshService()
    const [t] = simTargets(sim, 'http', 1)
    const conn = sim.state.connections.get(t!.connectionId)!
    const device = conn.device
    delete conn.device // changeIp does nothing without a phone
    try {
      const [result] = await service.rotateAndVerify([t!.connectionId], { timeoutMs: 5_000 })
      expect(result!.status, result!.message).toBe('timeout')
      expect(result!.message).toMatch(/did not change within 5 s/)
      expect(result!.attempts).toBeGreaterThanOrEqual(2)
    } finally {
      conn.device = device
    }
  })
})
