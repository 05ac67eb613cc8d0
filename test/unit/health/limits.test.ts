/**
 * The health service's limits: one cap on checks in flight across every batch (check-limiter.ts), and a
 * change-IP run that can be cancelled, by its run id or by a signal. Real sockets on loopback and the simulator.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { createCheckLimiter } from '../../../src/main/health/check-limiter'
import type { HealthService } from '../../../src/main/health/service'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import type { HealthItem, HealthProgress } from '../../../src/shared/health'
import { simHealthService, simTargets } from './support'

let sim: Simulator
let client: IproxyClient
let dir: string
let service: HealthService
let events: HealthProgress[]

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, maxRetries: 0 })
})
afterAll(async () => {
  await client.close()
  await sim.stop()
})
afterEach(async () => {
  await service?.dispose()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function freshService(maxConcurrentChecks?: number): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'iproxy-limits-'))
  events = []
  service = simHealthService(sim, client, dir, events, maxConcurrentChecks ? { maxConcurrentChecks } : {})
}

/** A "proxy" that accepts connections and never answers, counting how many are open at once. */
async function holdingServer(): Promise<{ port: number; open: number; most: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const state = { port: 0, open: 0, most: 0, close: async () => {} }
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    state.open = sockets.size
    state.most = Math.max(state.most, sockets.size)
    socket.on('error', () => {})
    socket.on('close', () => {
      sockets.delete(socket)
      state.open = sockets.size
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.port = (server.address() as AddressInfo).port
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  return state
}

describe('createCheckLimiter', () => {
  it('runs at most `max` at once and hands slots on in order', async () => {
    const limiter = createCheckLimiter(2)
    let running = 0
    let most = 0
    const order: number[] = []
    const work = (n: number) => async () => {
      running += 1
      most = Math.max(most, running)
      await new Promise((r) => setTimeout(r, 20))
      running -= 1
      order.push(n)
      return n
    }
    await expect(Promise.all([1, 2, 3, 4, 5].map((n) => limiter.run(work(n))))).resolves.toEqual([1, 2, 3, 4, 5])
    expect(most).toBe(2)
    expect(order).toEqual([1, 2, 3, 4, 5])
    expect(limiter.active).toBe(0)
  })

  it('lets a waiting task go at once when its signal aborts, without running it', async () => {
    const limiter = createCheckLimiter(1)
    let release: () => void = () => {}
    const holder = limiter.run(() => new Promise<string>((r) => (release = () => r('held'))))
    const controller = new AbortController()
    let ran = false
    const waiter = limiter.run(async () => {
      ran = true
    }, controller.signal)
    controller.abort()
    await expect(waiter).resolves.toBeUndefined()
    expect(ran).toBe(false)
    release()
    await expect(holder).resolves.toBe('held')
    expect(limiter.active).toBe(0)
  })
})

describe('one cap on checks across batches', () => {
  it('two batches of 6 at once never have more than the cap in flight, and cancel promptly', async () => {
    const proxy = await holdingServer()
    try {
      await freshService(3)
      await service.updateSettings({ timeoutMs: 5_000 })
      const items = (n: number): HealthItem[] =>
        Array.from({ length: n }, (_, i) => ({ target: { protocol: 'http' as const, host: '127.0.0.1', port: proxy.port }, label: `p${i}` }))
      const a = await service.checkMany(items(6), 6)
      const b = await service.checkMany(items(6), 6)
      // Long enough for every check that could start to have connected.
      await new Promise((r) => setTimeout(r, 700))
      expect(proxy.most).toBe(3)
      expect(proxy.open).toBe(3)
      const started = performance.now()
      service.cancel(a.batchId)
      service.cancel(b.batchId)
      await Promise.all([service.settled(a.batchId), service.settled(b.batchId)])
      expect(performance.now() - started).toBeLessThan(1_000)
      for (const id of [a.batchId, b.batchId]) {
        const last = events.filter((e) => e.batchId === id).at(-1)!
        expect(last.finished).toBe(true)
        expect(last.done).toBe(6)
        expect(last.counts.cancelled).toBe(6)
      }
    } finally {
      await proxy.close()
    }
  })
})

describe('cancelling change IP and verify', () => {
  /** A connection whose IP never changes (no phone), so the run would wait until its timeout. */
  function stuckConnection() {
    const [t] = simTargets(sim, 'socks5', 1)
    const conn = sim.state.connections.get(t!.connectionId)!
    const device = conn.device
    delete conn.device
    return { connectionId: t!.connectionId, restore: () => (conn.device = device) }
  }

  it('stops a run by its id; the connection ends as cancelled, soon', async () => {
    await freshService()
    const stuck = stuckConnection()
    try {
      const started = performance.now()
      const run = service.rotateAndVerify([stuck.connectionId], { timeoutMs: 20_000, runId: 'run-1' })
      await new Promise((r) => setTimeout(r, 800))
      expect(service.cancelRotate('run-1')).toEqual({ cancelled: true })
      const [result] = await run
      expect(result!.status, result!.message).toBe('cancelled')
      expect(performance.now() - started).toBeLessThan(3_000)
      expect(service.cancelRotate('run-1')).toEqual({ cancelled: false })
      expect(service.cancelRotate('no-such-run')).toEqual({ cancelled: false })
    } finally {
      stuck.restore()
    }
  })

  it('stops a run by its signal; an already-aborted signal cancels before anything is sent', async () => {
    await freshService()
    const stuck = stuckConnection()
    try {
      const controller = new AbortController()
      const run = service.rotateAndVerify([stuck.connectionId], { timeoutMs: 20_000, signal: controller.signal })
      setTimeout(() => controller.abort(), 800)
      const [result] = await run
      expect(result!.status).toBe('cancelled')

      const before = sim.state.connections.get(stuck.connectionId)!.ip!.ipv4
      const [early] = await service.rotateAndVerify([stuck.connectionId], { signal: AbortSignal.abort() })
      expect(early).toMatchObject({ status: 'cancelled', message: 'Cancelled.' })
      expect(sim.state.connections.get(stuck.connectionId)!.ip!.ipv4).toBe(before)
    } finally {
      stuck.restore()
    }
  })
})
