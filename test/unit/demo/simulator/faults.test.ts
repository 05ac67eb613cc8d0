/**
 * Each fault mode, set at start or at run time, reaches the project's client as the right typed error.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  createIproxyClient,
  IproxyConnectionError,
  IproxyRateLimitError,
  IproxyResponseError,
  IproxyServerError,
  IproxyTimeoutError,
} from '../../../../src/main/iproxy'
import { openSession, type Session } from './harness'

let s: Session | undefined

afterEach(async () => {
  await s?.close()
  s = undefined
})

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => new Error('expected a failure'), (err: unknown) => err)
}

describe('fault injection', () => {
  it('429 with Retry-After becomes a rate-limit error carrying the wait', async () => {
    s = await openSession({ faults: [{ path: '/connections', fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } }] })
    const err = await failure(s.client.connections.list())
    expect(err).toBeInstanceOf(IproxyRateLimitError)
    expect((err as IproxyRateLimitError).retryAfterMs).toBe(7_000)
    // Other paths are untouched.
    expect((await s.client.me.get()).username).toBe('demo')
  })

  it.each([500, 502, 503] as const)('%i becomes a server error', async (status) => {
    s = await openSession()
    s.sim.faults.set([{ path: '/me', fault: { kind: 'status', status } }])
    const err = await failure(s.client.me.get())
    expect(err).toBeInstanceOf(IproxyServerError)
    expect((err as IproxyServerError).status).toBe(status)
    s.sim.faults.clear()
    expect((await s.client.me.get()).username).toBe('demo')
  })

  it('a reset connection becomes a connection error', async () => {
    s = await openSession({ faults: [{ path: '/connections/**', fault: { kind: 'reset' } }] })
    const id = [...s.sim.state.connections.keys()][0] ?? ''
    expect(await failure(s.client.connections.get(id))).toBeInstanceOf(IproxyConnectionError)
  })

  it('malformed JSON becomes a bad-response error', async () => {
    s = await openSession({ faults: [{ path: '/proxy-access', fault: { kind: 'malformed-json' } }] })
    expect(await failure(s.client.proxies.list())).toBeInstanceOf(IproxyResponseError)
  })

  it('a stalled body becomes a timeout', async () => {
    s = await openSession({ faults: [{ path: '/connections-status', fault: { kind: 'stall' } }] })
    expect(await failure(s.client.connections.statuses({ timeoutMs: 300 }))).toBeInstanceOf(IproxyTimeoutError)
  })

  it('latency delays the answer, and a timeout shorter than it fires', async () => {
    s = await openSession({ faults: [{ path: '/me', fault: { kind: 'latency', ms: 250 } }] })
    const started = performance.now()
    expect((await s.client.me.get()).username).toBe('demo')
    expect(performance.now() - started).toBeGreaterThanOrEqual(240)
    expect(await failure(s.client.me.get({ timeoutMs: 80 }))).toBeInstanceOf(IproxyTimeoutError)
  })

  it('a fault limited to one use lets a retrying client through', async () => {
    s = await openSession({ faults: [{ path: '/connections', method: 'GET', times: 1, fault: { kind: 'status', status: 503 } }] })
    const retrying = createIproxyClient({ apiKey: s.sim.apiKey, baseUrl: s.sim.baseUrl, maxRetries: 2, retryBaseDelayMs: 10 })
    try {
      expect(await retrying.connections.list()).toHaveLength(12)
      expect(s.sim.faults.rules()).toEqual([])
    } finally {
      await retrying.close()
    }
  })
})
