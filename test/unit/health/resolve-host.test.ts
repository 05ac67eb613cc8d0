/**
 * Proxy host names are resolved with a timeout and a cache of their own (src/main/health/resolve-host.ts), through
 * c-ares rather than getaddrinfo on the thread pool: against a real DNS server on loopback UDP (one that answers,
 * one that never does), and the cache and timeout rules with a stand-in lookup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { checkProxy } from '../../../src/main/health/check-proxy'
import { createHostResolver, HostLookupError } from '../../../src/main/health/resolve-host'
import { startDnsServer, type TestDnsServer } from '../../support/dns-server'
import { simTargets } from './support'

let sim: Simulator
let dns: TestDnsServer
let silent: TestDnsServer
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  dns = await startDnsServer({ address: '127.0.0.1' })
  silent = await startDnsServer({ silent: true })
})
afterAll(async () => {
  await Promise.all([sim.stop(), dns.close(), silent.close()])
})

describe('against a DNS server on loopback', () => {
  it('a check through a proxy named by a host name resolves it through the DNS server and works', async () => {
    const [t] = simTargets(sim, 'socks5', 1)
    const resolveHost = createHostResolver({ servers: [dns.server] })
    dns.queries.length = 0
    const result = await checkProxy({ ...t!.target, host: 'proxy.iproxy-test.example' }, { echoUrl: sim.echoUrl, timeoutMs: 5_000, resolveHost })
    expect(result.status, result.error).toBe('ok')
    expect(dns.queries).toEqual(['proxy.iproxy-test.example'])
    // The same name again: from the cache, no second query.
    const again = await checkProxy({ ...t!.target, host: 'PROXY.iproxy-test.example' }, { echoUrl: sim.echoUrl, timeoutMs: 5_000, resolveHost })
    expect(again.status, again.error).toBe('ok')
    expect(dns.queries).toHaveLength(1)
  })

  it('a DNS server that never answers fails the lookup at its own timeout, as a DNS failure', async () => {
    const [t] = simTargets(sim, 'http', 1)
    const resolveHost = createHostResolver({ servers: [silent.server], timeoutMs: 300 })
    const started = performance.now()
    const result = await checkProxy({ ...t!.target, host: 'slow.iproxy-test.example' }, { echoUrl: sim.echoUrl, timeoutMs: 5_000, resolveHost })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(result.status).toBe('dns_failed')
    expect(result.error).toBe('The proxy host name could not be resolved. (no answer from DNS for slow.iproxy-test.example within 0.3 s)')
    expect(silent.queries).toContain('slow.iproxy-test.example')
  })

  it('localhost and IP literals are checked without asking DNS', async () => {
    const resolveHost = createHostResolver({ servers: [silent.server], timeoutMs: 300 })
    silent.queries.length = 0
    for (const protocol of ['socks5', 'http'] as const) {
      const [t] = simTargets(sim, protocol, 1)
      for (const host of ['localhost', '127.0.0.1']) {
        const result = await checkProxy({ ...t!.target, host }, { echoUrl: sim.echoUrl, timeoutMs: 5_000, resolveHost })
        expect(result.status, `${protocol} ${host}: ${result.error}`).toBe('ok')
      }
    }
    await expect(resolveHost('::1')).resolves.toBe('::1')
    await expect(resolveHost('[::1]')).resolves.toBe('::1')
    await expect(resolveHost('app.localhost')).resolves.toBe('127.0.0.1')
    expect(silent.queries).toEqual([])
  })
})

describe('the cache and the timeout', () => {
  it('asks once for concurrent and repeated lookups of a name, again after the cache time', async () => {
    let now = 0
    const asked: string[] = []
    const resolve = createHostResolver({ now: () => now, cacheMs: 60_000, lookup: async (host) => {
      asked.push(host)
      return '10.0.0.7'
    } })
    await expect(Promise.all([resolve('a.example'), resolve('a.example'), resolve('A.EXAMPLE')])).resolves.toEqual(['10.0.0.7', '10.0.0.7', '10.0.0.7'])
    now = 59_000
    await resolve('a.example')
    expect(asked).toEqual(['a.example'])
    now = 61_000
    await resolve('a.example')
    expect(asked).toEqual(['a.example', 'a.example'])
  })

  it('does not remember a failure', async () => {
    let calls = 0
    const resolve = createHostResolver({
      lookup: async () => {
        calls += 1
        if (calls === 1) throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' })
        return '10.0.0.8'
      },
    })
    await expect(resolve('b.example')).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'b.example could not be resolved (ENOTFOUND)' })
    await expect(resolve('b.example')).resolves.toBe('10.0.0.8')
  })

  it('gives up at the timeout even when the lookup never settles', async () => {
    const resolve = createHostResolver({ timeoutMs: 100, lookup: () => new Promise<string>(() => {}) })
    const started = performance.now()
    const err = await resolve('c.example').then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(HostLookupError)
    expect(err).toMatchObject({ code: 'ETIMEOUT' })
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
