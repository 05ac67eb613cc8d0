/**
 * Retries, Retry-After, timeouts and cancellation against a real loopback server: what is repeated, what never
 * is (a POST that may have reached the server), and how long the client waits.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createIproxyClient,
  IproxyAbortError,
  IproxyConnectionError,
  IproxyRateLimitError,
  IproxyServerError,
  IproxyTimeoutError,
  parseRetryAfterMs,
  type IproxyClient,
  type IproxyClientOptions,
} from '../../../src/main/iproxy'
import { backoffDelayMs } from '../../../src/main/iproxy/retry'
import { closedPort, startFakeConsoleServer, type FakeConsoleServer } from '../../support/fake-console-server'
import * as seed from './seed-examples'

const API_KEY = 'retry-test-key-123456'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('retries and cancellation', () => {
  let server: FakeConsoleServer
  const clients: IproxyClient[] = []
  const make = (options: Partial<IproxyClientOptions> = {}): IproxyClient => {
    const client = createIproxyClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retryBaseDelayMs: 10, ...options })
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = await startFakeConsoleServer()
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
    await server.close()
  })
  beforeEach(() => server.reset())

  it('repeats a GET after 5xx and succeeds on the third attempt', async () => {
    server.route('GET', '/connections', { status: 503, json: {} }, { status: 500, json: {} }, { json: seed.connectionList })
    await expect(make().connections.list()).resolves.toHaveLength(2)
    expect(server.requests).toHaveLength(3)
  })

  it('gives up after three attempts by default', async () => {
    server.route('GET', '/me', { status: 502, json: { message: 'down' } })
    await expect(make().me.get()).rejects.toBeInstanceOf(IproxyServerError)
    expect(server.requests).toHaveLength(3)
  })

  it('honours maxRetries', async () => {
    server.route('GET', '/me', { status: 500, json: {} })
    await expect(make({ maxRetries: 0 }).me.get()).rejects.toBeInstanceOf(IproxyServerError)
    expect(server.requests).toHaveLength(1)
    server.reset()
    server.route('GET', '/me', { status: 500, json: {} })
    await expect(make({ maxRetries: 4 }).me.get()).rejects.toBeInstanceOf(IproxyServerError)
    expect(server.requests).toHaveLength(5)
  })

  it('repeats a GET after 408 and 429, and after a dropped connection', async () => {
    server.route('GET', '/proxy-access', { status: 408, json: {} }, { status: 429, headers: { 'retry-after': '0' }, json: {} }, { hangUp: true }, { json: seed.proxyAccessList })
    await expect(make({ maxRetries: 3 }).proxies.list()).resolves.toHaveLength(2)
    expect(server.requests).toHaveLength(4)
  })

  it('repeats a GET whose attempt timed out', async () => {
    server.route('GET', '/me', { hang: true }, { json: seed.userInfo })
    await expect(make({ timeoutMs: 150 }).me.get()).resolves.toEqual(seed.userInfo)
    expect(server.requests).toHaveLength(2)
  })

  it('does not repeat a 4xx other than 408/429', async () => {
    server.route('GET', '/connections/c1', { status: 404, json: {} })
    await expect(make().connections.get('c1')).rejects.toMatchObject({ code: 'not_found' })
    expect(server.requests).toHaveLength(1)
  })

  it('waits the Retry-After of 1 second before trying again', async () => {
    server.route('GET', '/me', { status: 429, headers: { 'retry-after': '1' }, json: {} }, { json: seed.userInfo })
    await expect(make().me.get()).resolves.toEqual(seed.userInfo)
    const [first, second] = server.requests
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
    expect(second!.at - first!.at).toBeLessThan(2000)
  })

  it('retries at once for a Retry-After date in the past', async () => {
    server.route('GET', '/me', { status: 503, headers: { 'retry-after': new Date(Date.now() - 60_000).toUTCString() }, json: {} }, { json: seed.userInfo })
    const client = make({ retryBaseDelayMs: 5_000 })
    const started = performance.now()
    await expect(client.me.get()).resolves.toEqual(seed.userInfo)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('does not wait out a Retry-After beyond 30 s: the user gets the wait instead', async () => {
    server.route('GET', '/connections', { status: 429, headers: { 'retry-after': '45' }, json: { message: 'rate limited' } })
    const error = await make().connections.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IproxyRateLimitError)
    expect((error as IproxyRateLimitError).retryAfterMs).toBe(45_000)
    expect((error as IproxyRateLimitError).message).toMatch(/Wait 45 s/)
    expect(server.requests).toHaveLength(1)
  })

  it('never repeats a POST the server answered with 5xx or 429', async () => {
    server.route('POST', '/connection/c1/command-push', { status: 503, json: {} })
    server.route('POST', '/connections/c1/pin-code', { status: 429, headers: { 'retry-after': '0' }, json: {} })
    const client = make()
    await expect(client.connections.pushCommand('c1', { action: 'reboot' })).rejects.toBeInstanceOf(IproxyServerError)
    await expect(client.connections.createPinCode('c1')).rejects.toBeInstanceOf(IproxyRateLimitError)
    expect(server.requests.map((r) => r.path)).toEqual(['/connection/c1/command-push', '/connections/c1/pin-code'])
  })

  it('does not replay a POST after its timeout', async () => {
    server.route('POST', '/connections/c1/proxy-access', { hang: true })
    const error = await make({ timeoutMs: 150 })
      .proxies.create('c1', { listen_service: 'http', auth_type: 'userpass' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IproxyTimeoutError)
    await sleep(200)
    expect(server.requests).toHaveLength(1)
  })

  it('does not replay a DELETE whose connection dropped after sending', async () => {
    server.route('DELETE', '/connections/c1', { hangUp: true })
    await expect(make().connections.delete('c1', { reason: 'mistake' })).rejects.toBeInstanceOf(IproxyConnectionError)
    expect(server.requests).toHaveLength(1)
  })

  it('does not repeat an action link (a reboot must not happen twice)', async () => {
    server.route('GET', '/actionlinks/do/reboot/x1', { status: 502, json: {} })
    await expect(make().actionLinks.execute(`${server.origin}/actionlinks/do/reboot/x1`)).rejects.toBeInstanceOf(IproxyServerError)
    expect(server.requests).toHaveLength(1)
  })

  it('repeats a POST whose connection was refused, since it never reached the server', async () => {
    const port = await closedPort()
    let late: FakeConsoleServer | undefined
    let starting = false
    const lines: string[] = []
    const client = make({
      baseUrl: `http://127.0.0.1:${port}/api/console/v1/`,
      retryBaseDelayMs: 100,
      log: (line) => {
        lines.push(line)
        // The server comes up only once the first attempt has been refused.
        if (line.includes('connection_failed') && !starting) {
          starting = true
          void startFakeConsoleServer({ port }).then((s) => {
            late = s
            s.route('POST', '/connections/c1/api-key', { json: seed.connectionApiKey })
          })
        }
      },
    })
    await expect(client.connections.createApiKey('c1')).resolves.toEqual(seed.connectionApiKey)
    expect(late?.requests).toHaveLength(1)
    expect(lines.filter((l) => l.startsWith('→')).length).toBeGreaterThanOrEqual(2)
    await late?.close()
  })

  it('gives a refused POST three attempts in all', async () => {
    const port = await closedPort()
    const attempts: string[] = []
    const client = make({ baseUrl: `http://127.0.0.1:${port}/`, log: (l) => l.startsWith('→') && attempts.push(l) })
    await expect(client.me.rotateApiKey()).rejects.toBeInstanceOf(IproxyConnectionError)
    expect(attempts).toHaveLength(3)
  })

  it('cancels a request in flight', async () => {
    const controller = new AbortController()
    // Cancelled once the request has reached the server: mid-request, however slow the machine is.
    server.route('GET', '/connections', () => {
      controller.abort()
      return { hang: true }
    })
    const started = performance.now()
    await expect(make().connections.list({ signal: controller.signal })).rejects.toBeInstanceOf(IproxyAbortError)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(server.requests).toHaveLength(1)
  })

  it('cancels during the wait between retries', async () => {
    const controller = new AbortController()
    server.route('GET', '/me', () => {
      // Cancelled just after the 503 is sent: the client is then waiting out Retry-After.
      setTimeout(() => controller.abort(), 20)
      return { status: 503, headers: { 'retry-after': '10' }, json: {} }
    })
    const started = performance.now()
    await expect(make().me.get({ signal: controller.signal })).rejects.toBeInstanceOf(IproxyAbortError)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(server.requests).toHaveLength(1)
  })

  it('sends nothing when the signal is already aborted', async () => {
    await expect(make().me.get({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(IproxyAbortError)
    expect(server.requests).toHaveLength(0)
  })

  it('takes a per-call timeout over the client one', async () => {
    server.route('GET', '/me', { delayMs: 300, json: seed.userInfo })
    const client = make({ timeoutMs: 5_000, maxRetries: 0 })
    await expect(client.me.get({ timeoutMs: 100 })).rejects.toBeInstanceOf(IproxyTimeoutError)
    await expect(client.me.get()).resolves.toEqual(seed.userInfo)
  })
})

describe('backoff and Retry-After parsing', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-07-11T10:00:00Z')
    expect(parseRetryAfterMs('1', now)).toBe(1000)
    expect(parseRetryAfterMs('1.5', now)).toBe(1500)
    expect(parseRetryAfterMs(['7', '9'], now)).toBe(7000)
    expect(parseRetryAfterMs('Fri, 11 Jul 2025 10:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfterMs('Fri, 11 Jul 2025 09:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfterMs('soon', now)).toBeUndefined()
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined()
    expect(parseRetryAfterMs('-3', now)).toBeUndefined()
  })

  it('doubles the delay, caps it and jitters it by at most 25 %', () => {
    const opts = { baseDelayMs: 500, maxDelayMs: 8000 }
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, { ...opts, random: () => 0 }))).toEqual([500, 1000, 2000, 4000, 8000, 8000])
    expect(backoffDelayMs(2, { ...opts, random: () => 0.999 })).toBeGreaterThanOrEqual(750)
  })
})
