/**
 * checkProxy and checkMany against the simulator's real SOCKS5 and HTTP proxies (loopback only).
 */
import { createServer, type Server, type Socket } from 'node:net'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { checkProxy } from '../../../src/main/health/check-proxy'
import { checkMany } from '../../../src/main/health/check-many'
import { measureThroughput } from '../../../src/main/health/throughput'
import type { HealthTarget } from '../../../src/shared/health'
import { expectNoLeakedHandles, simTargets, startBlobServer, tcpHandleCount } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

describe('checkProxy through the simulator', () => {
  it('SOCKS5: ok, the connection exit IP, geo, and separate timings', async () => {
    const [t] = simTargets(sim, 'socks5', 1)
    const result = await checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(result.status, result.error).toBe('ok')
    expect(result.ok).toBe(true)
    const conn = sim.state.connections.get(t!.connectionId)!
    expect(result.exitIp).toBe(conn.ip!.ipv4)
    expect(result.exitIpVersion).toBe(4)
    expect(result.geo?.country).toBe(conn.country.toUpperCase())
    expect(result.geo?.city).toBeTruthy()
    expect(result.geo?.asn).toMatch(/^AS\d+$/)
    expect(result.geo?.org).toBe(conn.carrier.name)
    expect(result.httpStatus).toBe(200)
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0)
    expect(result.timings.greetingMs).toBeGreaterThanOrEqual(0)
    expect(result.timings.authMs).toBeGreaterThanOrEqual(0)
    expect(result.timings.handshakeMs).toBeGreaterThanOrEqual(result.timings.greetingMs!)
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0)
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.handshakeMs!)
    expect(Date.parse(result.checkedAt)).not.toBeNaN()
  })

  it('HTTP: ok with the same exit IP as the connection', async () => {
    const [t] = simTargets(sim, 'http', 1)
    const result = await checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(result.status, result.error).toBe('ok')
    expect(result.exitIp).toBe(sim.state.connections.get(t!.connectionId)!.ip!.ipv4)
    expect(result.geo?.country).toBeTruthy()
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0)
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0)
  })

  it('flags an exit IP that differs from the expected one', async () => {
    const [t] = simTargets(sim, 'socks5', 1)
    const ip = sim.state.connections.get(t!.connectionId)!.ip!.ipv4
    const same = await checkProxy(t!.target, { echoUrl: sim.echoUrl, expectedIp: ip })
    expect(same.ipMismatch).toBe(false)
    const other = await checkProxy(t!.target, { echoUrl: sim.echoUrl, expectedIp: '203.0.113.9' })
    expect(other.status).toBe('ok')
    expect(other.ipMismatch).toBe(true)
    expect(other.expectedIp).toBe('203.0.113.9')
  })

  it('wrong password: auth_failed for SOCKS5 and HTTP', async () => {
    for (const protocol of ['socks5', 'http'] as const) {
      const [t] = simTargets(sim, protocol, 1)
      const result = await checkProxy({ ...t!.target, password: 'wrong-password' }, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
      expect(result.status, `${protocol}: ${result.error}`).toBe('auth_failed')
      expect(result.ok).toBe(false)
      expect(result.error).toMatch(/login or password/)
    }
  })

  it('a closed port is refused', async () => {
    const port = await closedPort()
    for (const protocol of ['socks5', 'http'] as const) {
      const result = await checkProxy({ protocol, host: '127.0.0.1', port }, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
      expect(result.status, result.error).toBe('refused')
      // The raw detail travels apart from the status (the page translates the status, shows this on hover).
      expect(result.detail).toBe('ECONNREFUSED')
    }
  })

  it('a listener that accepts and never answers times out within timeoutMs + 10%', async () => {
    const held: Socket[] = []
    const silent = createServer((s) => {
      held.push(s)
      s.on('error', () => {})
    })
    const port = await listen(silent)
    try {
      for (const protocol of ['socks5', 'http'] as const) {
        // Long enough that a busy machine's timer lag stays inside the 10% allowance.
        const timeoutMs = 2_000
        const started = performance.now()
        const result = await checkProxy({ protocol, host: '127.0.0.1', port }, { echoUrl: sim.echoUrl, timeoutMs })
        const took = performance.now() - started
        expect(result.status).toBe('timeout')
        expect(took, `${protocol} took ${took.toFixed(0)} ms`).toBeLessThanOrEqual(timeoutMs * 1.1)
        expect(took).toBeGreaterThanOrEqual(timeoutMs - 5)
      }
    } finally {
      for (const s of held) s.destroy()
      await new Promise<void>((r) => silent.close(() => r()))
    }
  })

  it('an echo URL that answers HTML is bad_echo_response; a 404 is target_error', async () => {
    const html = createHttpServer((req, res) => {
      if (req.url === '/missing') {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('no')
        return
      }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><html><body>Your IP is somewhere</body></html>')
    })
    const port = await listen(html)
    try {
      for (const protocol of ['socks5', 'http'] as const) {
        const [t] = simTargets(sim, protocol, 1)
        const bad = await checkProxy(t!.target, { echoUrl: `http://127.0.0.1:${port}/`, timeoutMs: 5_000 })
        expect(bad.status, bad.error).toBe('bad_echo_response')
        expect(bad.error).toMatch(/doctype/)
        const missing = await checkProxy(t!.target, { echoUrl: `http://127.0.0.1:${port}/missing`, timeoutMs: 5_000 })
        expect(missing.status).toBe('target_error')
        expect(missing.httpStatus).toBe(404)
      }
    } finally {
      html.closeAllConnections()
      await new Promise<void>((r) => html.close(() => r()))
    }
  })

  it('optional throughput: downloads through the proxy for up to N seconds and reports Mbit/s', async () => {
    const blob = await startBlobServer()
    try {
      // Both proxy kinds (tinyproxy too, in checker-system-proxies.test.ts).
      for (const protocol of ['socks5', 'http'] as const) {
        const [t] = simTargets(sim, protocol, 1)
        const result = await checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 5_000, throughput: { url: blob.url, seconds: 2 } })
        expect(result.status, result.error).toBe('ok')
        expect(result.throughputError, `${protocol}: ${result.throughputError}`).toBeUndefined()
        expect(result.throughputMbps).toBeGreaterThan(0)
      }
    } finally {
      await blob.close()
    }
  })

  it('throughput stops when the time is up on an endless download, and reports a download error by its status', async () => {
    const blob = await startBlobServer()
    try {
      for (const protocol of ['socks5', 'http'] as const) {
        const [t] = simTargets(sim, protocol, 1)
        const baseline = tcpHandleCount()
        const began = performance.now()
        const speed = await measureThroughput(t!.target, { url: blob.endlessUrl, seconds: 1 })
        const took = performance.now() - began
        expect(speed.error, protocol).toBeUndefined()
        expect(speed.mbps).toBeGreaterThan(0)
        // 64 KiB every 20 ms for about a second: tens of chunks, not a few and not an endless count.
        expect(speed.bytes).toBeGreaterThan(10 * 64 * 1024)
        expect(speed.seconds).toBeGreaterThanOrEqual(0.99)
        expect(took).toBeLessThan(3_000)
        await expectNoLeakedHandles(baseline)

        const missing = await checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 5_000, throughput: { url: blob.missingUrl, seconds: 1 } })
        expect(missing.status, missing.error).toBe('ok')
        expect(missing.throughputMbps).toBeUndefined()
        expect(missing.throughputError).toBe('the download answered HTTP 404')
      }
    } finally {
      await blob.close()
    }
  })

  it('an already-aborted signal resolves cancelled without opening a socket', async () => {
    const [t] = simTargets(sim, 'socks5', 1)
    const before = tcpHandleCount()
    const result = await checkProxy(t!.target, { echoUrl: sim.echoUrl, signal: AbortSignal.abort() })
    expect(result.status).toBe('cancelled')
    expect(tcpHandleCount()).toBe(before)
  })
})

describe('checkMany', () => {
  it('runs 50 checks at once on one cancel signal without a listener-leak warning', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`)
    process.on('warning', onWarning)
    try {
      // Nothing listens on port 1: each check is refused at once, all 50 in flight together.
      const targets = Array.from({ length: 60 }, () => ({ protocol: 'socks5' as const, host: '127.0.0.1', port: 1 }))
      const results = await checkMany(targets, { echoUrl: sim.echoUrl, concurrency: 50, signal: new AbortController().signal })
      expect(new Set(results.map((r) => r.status))).toEqual(new Set(['refused']))
      await new Promise((r) => setImmediate(r))
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([])
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('streams every result and leaves no socket open', async () => {
    const baseline = tcpHandleCount()
    const targets = [...simTargets(sim, 'socks5', 6), ...simTargets(sim, 'http', 6)]
    const seen: number[] = []
    const results = await checkMany(
      targets.map((t) => t.target),
      { echoUrl: sim.echoUrl, concurrency: 4, timeoutMs: 5_000, onResult: (i) => seen.push(i) },
    )
    expect(results).toHaveLength(targets.length)
    expect(new Set(seen).size).toBe(targets.length)
    results.forEach((r, i) => {
      expect(r.status, r.error).toBe('ok')
      expect(r.exitIp).toBe(sim.state.connections.get(targets[i]!.connectionId)!.ip!.ipv4)
    })
    await expectNoLeakedHandles(baseline)
  })

  it('cancel mid-batch: the rest are cancelled, nothing rejects, no socket left open', async () => {
    const baseline = tcpHandleCount()
    sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: 300 } }])
    try {
      const all = [...simTargets(sim, 'socks5', 6), ...simTargets(sim, 'http', 6)].map((t) => t.target)
      const targets: HealthTarget[] = [...all, ...all, ...all]
      const controller = new AbortController()
      let finished = 0
      const run = checkMany(targets, {
        echoUrl: sim.echoUrl,
        concurrency: 6,
        timeoutMs: 5_000,
        signal: controller.signal,
        onResult: () => {
          finished += 1
          // Cancel once the first round is in, whatever the machine's speed: the rest are mid-flight or waiting.
          if (finished === 6) controller.abort()
        },
      })
      const results = await run
      const ok = results.filter((r) => r.status === 'ok').length
      const cancelled = results.filter((r) => r.status === 'cancelled').length
      expect(ok).toBeGreaterThanOrEqual(6)
      expect(ok).toBeLessThan(targets.length)
      expect(ok + cancelled).toBe(targets.length)
      expect(finished).toBe(targets.length)
    } finally {
      sim.faults.clear()
    }
    await expectNoLeakedHandles(baseline)
  })
})

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return (server.address() as AddressInfo).port
}

async function closedPort(): Promise<number> {
  const s = createServer()
  const port = await listen(s)
  await new Promise<void>((r) => s.close(() => r()))
  return port
}
