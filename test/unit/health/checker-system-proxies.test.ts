/**
 * checkProxy against real third-party proxies on loopback: Debian's Dante (SOCKS5, username auth against a system
 * user) and tinyproxy (HTTP, BasicAuth, which answers a wrong login with 401). The echo is the simulator's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { checkProxy } from '../../../src/main/health/check-proxy'
import { danteAvailability, startDante, type DanteServer } from '../../support/dante'
import { requireSystem } from '../../support/system'
import { startTinyproxy, tinyproxyAvailability, type TinyproxyServer } from '../../support/tinyproxy'
import { expectNoLeakedHandles, startBlobServer, tcpHandleCount } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' })
})
afterAll(async () => {
  await sim.stop()
})

describe('Dante (SOCKS5, username auth)', () => {
  let dante: DanteServer | undefined
  afterAll(async () => {
    await dante?.stop()
  })

  it('ok with the right password, auth_failed with a wrong one', async (ctx) => {
    if (!requireSystem('dante-server', danteAvailability(), (note) => ctx.skip(note))) return
    dante = await startDante()
    const baseline = tcpHandleCount()
    const target = { protocol: 'socks5' as const, host: dante.host, port: dante.port, username: dante.username, password: dante.password }
    const ok = await checkProxy(target, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(ok.status, ok.error).toBe('ok')
    // Reached directly (not through a simulator proxy), the echo reports the caller: Dante's loopback address.
    expect(ok.exitIp).toBe('127.0.0.1')
    expect(ok.timings.authMs).toBeGreaterThanOrEqual(0)
    const wrong = await checkProxy({ ...target, password: 'not-the-password' }, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(wrong.status, wrong.error).toBe('auth_failed')
    const none = await checkProxy({ protocol: 'socks5', host: dante.host, port: dante.port }, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(none.status, none.error).toBe('auth_failed')
    await expectNoLeakedHandles(baseline)
  })
})

describe('tinyproxy (HTTP, BasicAuth)', () => {
  let tiny: TinyproxyServer | undefined
  afterAll(async () => {
    await tiny?.stop()
  })

  it('ok with the right password, auth_failed (401) with a wrong one', async (ctx) => {
    if (!requireSystem('tinyproxy', tinyproxyAvailability(), (note) => ctx.skip(note))) return
    tiny = await startTinyproxy()
    const baseline = tcpHandleCount()
    const target = { protocol: 'http' as const, host: tiny.host, port: tiny.port, username: tiny.username, password: tiny.password }
    const ok = await checkProxy(target, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(ok.status, ok.error).toBe('ok')
    expect(ok.exitIp).toBe('127.0.0.1')
    const wrong = await checkProxy({ ...target, password: 'not-the-password' }, { echoUrl: sim.echoUrl, timeoutMs: 5_000 })
    expect(wrong.status, wrong.error).toBe('auth_failed')
    expect(wrong.httpStatus).toBe(401)
    const blob = await startBlobServer()
    try {
      const speed = await checkProxy(target, { echoUrl: sim.echoUrl, timeoutMs: 5_000, throughput: { url: blob.url, seconds: 2 } })
      expect(speed.status, speed.error).toBe('ok')
      expect(speed.throughputError).toBeUndefined()
      expect(speed.throughputMbps).toBeGreaterThan(0)
    } finally {
      await blob.close()
    }
    await expectNoLeakedHandles(baseline)
  })
})
