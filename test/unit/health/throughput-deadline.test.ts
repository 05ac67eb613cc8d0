/**
 * The speed test keeps a deadline of its own (src/main/health/check-proxy.ts, throughput.ts): the echo's
 * timeout does not cut the download short, a download that never starts is reported as a timeout (not as
 * "cancelled"), and the caller's cancel still stops it. Through the simulator's real proxies, on loopback.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { checkProxy } from '../../../src/main/health/check-proxy'
import { simTargets, startBlobServer } from './support'

let sim: Simulator
let blob: Awaited<ReturnType<typeof startBlobServer>>
let stall: Server
let stallUrl: string
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  blob = await startBlobServer()
  // Takes the request and never answers it.
  stall = createServer(() => {})
  await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve))
  stallUrl = `http://127.0.0.1:${(stall.address() as AddressInfo).port}/never`
})
afterAll(async () => {
  stall.closeAllConnections()
  await new Promise((resolve) => stall.close(resolve))
  await blob.close()
  await sim.stop()
})

describe('the speed test’s own deadline', () => {
  it.each(['socks5', 'http'] as const)('%s: a download longer than the echo timeout is measured, not cancelled', async (protocol) => {
    const [t] = simTargets(sim, protocol, 1)
    const result = await checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 1_000, throughput: { url: blob.endlessUrl, seconds: 2 } })
    expect(result.status, result.error).toBe('ok')
    expect(result.throughputError).toBeUndefined()
    expect(result.throughputMbps).toBeGreaterThan(0)
  })

  it('a download that never starts is reported as a timeout', async () => {
    const [t] = simTargets(sim, 'http', 1)
    const started = performance.now()
    const result = await checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 1_000, throughput: { url: stallUrl, seconds: 1 } })
    expect(result.status, result.error).toBe('ok')
    expect(result.throughputMbps).toBeUndefined()
    expect(result.throughputError).toBe('the download did not start within 2 s')
    expect(performance.now() - started).toBeLessThan(4_000)
  })

  it('the caller’s cancel still stops the download, reported as cancelled', async () => {
    const [t] = simTargets(sim, 'socks5', 1)
    const controller = new AbortController()
    const check = checkProxy(t!.target, { echoUrl: sim.echoUrl, timeoutMs: 5_000, signal: controller.signal, throughput: { url: stallUrl, seconds: 5 } })
    setTimeout(() => controller.abort(), 500)
    const started = performance.now()
    const result = await check
    expect(result.throughputError).toBe('The check was cancelled.')
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
