import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, errors, request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFaults, globToRegExp, MALFORMED_JSON_BODY, type Faults } from '../../../src/main/demo/faults'
import { expectTcpHandlesBackTo, tcpHandleCount } from './net-harness'

const API_ROOT = '/api/console/v1'

let server: Server
let faults: Faults
let agent: Agent
let base: string
let baseline: number

beforeEach(async () => {
  baseline = tcpHandleCount()
  faults = createFaults()
  // The way the simulator will mount faults: match on the path after the API root, then serve normally.
  server = createServer(async (req, res) => {
    const path = (req.url ?? '/').slice(API_ROOT.length)
    const fault = faults.match(req.method ?? 'GET', path)
    if (fault && (await faults.apply(fault, req, res)) === 'handled') return
    const body = JSON.stringify({ ok: true, path })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${API_ROOT}`
  agent = new Agent()
})

afterEach(async () => {
  await agent.close().catch(() => undefined)
  faults.releaseAll()
  await new Promise<void>((r) => {
    server.close(() => r())
    server.closeIdleConnections()
  })
  await expectTcpHandlesBackTo(baseline)
})

describe('fault injection on the wire', () => {
  it('answers 429 with Retry-After and a JSON error body', async () => {
    faults.add({ path: '/connections', fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } })
    const res = await request(`${base}/connections`, { dispatcher: agent })
    expect(res.statusCode).toBe(429)
    expect(res.headers['retry-after']).toBe('7')
    expect(await res.body.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } })
  })

  it.each([500, 502, 503] as const)('answers %i with a JSON error body', async (status) => {
    faults.add({ path: '/connections/*', fault: { kind: 'status', status, code: `e${status}`, message: 'boom' } })
    const res = await request(`${base}/connections/abc`, { dispatcher: agent })
    expect(res.statusCode).toBe(status)
    expect(res.headers['retry-after']).toBeUndefined()
    expect(await res.body.json()).toEqual({ error: { code: `e${status}`, message: 'boom' } })
  })

  it('resets the connection', async () => {
    faults.add({ path: '/connections', fault: { kind: 'reset' } })
    const failure = await request(`${base}/connections`, { dispatcher: agent }).then(
      () => undefined,
      (err: unknown) => err,
    )
    // resetAndDestroy sends an RST, which the client reads as ECONNRESET (not a clean end of stream).
    expect(failure).toMatchObject({ code: 'ECONNRESET' })
  })

  it('sends malformed JSON with 200', async () => {
    faults.add({ path: '/connections', fault: { kind: 'malformed-json' } })
    const res = await request(`${base}/connections`, { dispatcher: agent })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/json')
    const text = await res.body.text()
    expect(text).toBe(MALFORMED_JSON_BODY)
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
  })

  it('stalls the body until the client times out, and releases the response on close', async () => {
    faults.add({ path: '/connections', fault: { kind: 'stall' } })
    const res = await request(`${base}/connections`, { dispatcher: agent, bodyTimeout: 300 })
    expect(res.statusCode).toBe(200)
    await expect(res.body.text()).rejects.toBeInstanceOf(errors.BodyTimeoutError)
    const second = await request(`${base}/connections`, { dispatcher: agent, bodyTimeout: 10_000 })
    const reading = second.body.text().then(
      () => 'finished',
      () => 'aborted',
    )
    expect(faults.pendingCount()).toBe(1)
    faults.releaseAll()
    expect(await reading).toBe('aborted')
    expect(faults.pendingCount()).toBe(0)
  })

  it('adds latency and then serves normally', async () => {
    faults.add({ path: '/servers', method: 'get', fault: { kind: 'latency', ms: 250 } })
    const started = performance.now()
    const res = await request(`${base}/servers?x=1`, { dispatcher: agent })
    const elapsed = performance.now() - started
    expect(await res.body.json()).toEqual({ ok: true, path: '/servers?x=1' })
    expect(elapsed).toBeGreaterThanOrEqual(240)

    const quickStart = performance.now()
    await (await request(`${base}/connections`, { dispatcher: agent })).body.dump()
    expect(performance.now() - quickStart).toBeLessThan(200)
  })

  it('drops a request waiting out its latency when the faults are released', async () => {
    faults.add({ path: '/servers', fault: { kind: 'latency', ms: 60_000 } })
    const pending = request(`${base}/servers`, { dispatcher: agent }).then(
      () => 'answered',
      () => 'dropped',
    )
    while (faults.pendingCount() === 0) await new Promise((r) => setTimeout(r, 10))
    faults.releaseAll()
    expect(await pending).toBe('dropped')
  })

  it('applies a rule only `times` times and only to its method', async () => {
    faults.add({ path: '/connections', method: 'POST', fault: { kind: 'status', status: 500 } })
    faults.add({ path: '/connections', times: 2, fault: { kind: 'status', status: 503 } })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const res = await request(`${base}/connections`, { dispatcher: agent })
      await res.body.dump()
      statuses.push(res.statusCode)
    }
    expect(statuses).toEqual([503, 503, 200])
    const post = await request(`${base}/connections`, { method: 'POST', body: '{}', dispatcher: agent })
    await post.body.dump()
    expect(post.statusCode).toBe(500)
    expect(faults.rules()).toHaveLength(1)
  })
})

describe('fault rule matching', () => {
  it('matches globs by segment, ** across segments, and RegExps; ignores the query', () => {
    const f = createFaults([
      { path: '/connections/*/proxy-access', fault: { kind: 'reset' } },
      { path: '/servers/**', fault: { kind: 'malformed-json' } },
      { path: /^\/connections\/[a-z]+$/g, fault: { kind: 'status', status: 502 } },
    ])
    expect(f.match('GET', '/connections/abc/proxy-access?x=1')).toEqual({ kind: 'reset' })
    expect(f.match('GET', 'connections/abc/proxy-access')).toEqual({ kind: 'reset' })
    expect(f.match('GET', '/connections/a/b/proxy-access')).toBeUndefined()
    expect(f.match('GET', '/servers/1/2/3')).toEqual({ kind: 'malformed-json' })
    // A /g RegExp must not alternate between hit and miss.
    expect(f.match('GET', '/connections/abc')).toMatchObject({ status: 502 })
    expect(f.match('GET', '/connections/abc')).toMatchObject({ status: 502 })
    expect(f.match('GET', '/connections/ABC')).toBeUndefined()
    f.clear()
    expect(f.match('GET', '/servers/1')).toBeUndefined()
    f.set([{ path: '/a?c', fault: { kind: 'reset' } }])
    expect(f.match('DELETE', '/abc')).toEqual({ kind: 'reset' })
  })

  it('escapes regex characters in globs and rejects a bad times', () => {
    expect(globToRegExp('/v1/a.b').test('/v1/aXb')).toBe(false)
    expect(() => createFaults([{ path: '/x', times: 0, fault: { kind: 'reset' } }])).toThrow(RangeError)
  })
})
