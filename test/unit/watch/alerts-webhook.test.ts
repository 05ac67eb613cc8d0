import { afterEach, describe, expect, it } from 'vitest'
import { createAlertSink, type AlertSinkOptions } from '../../../src/main/watch/alerts'
import { DEFAULT_WATCH_SETTINGS, type WatchEvent, type WatchSettings } from '../../../src/shared/watch'
import { closedPort, startTestServer, waitFor, type TestServer } from './alerts-servers'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const s = await startTestServer(...args)
  cleanups.push(() => s.close())
  return s
}

function sink(settings: Partial<WatchSettings>, extra: Partial<AlertSinkOptions> = {}) {
  const logs: string[] = []
  const s = createAlertSink({
    settings: async () => ({ ...DEFAULT_WATCH_SETTINGS, desktopNotifications: false, ...settings }),
    telegramToken: async () => undefined,
    language: () => 'en',
    log: (message, err) => logs.push(err === undefined ? message : `${message}: ${String(err)}`),
    // A long timeout: on a loaded machine a short one would retry posts the receiver did take.
    tuning: { baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 30, timeoutMs: 10_000 },
    ...extra,
  })
  cleanups.push(() => s.dispose())
  return { sink: s, logs }
}

const event = (i: number, at = Date.UTC(2026, 11, 6, 3, 0)): WatchEvent => ({
  id: 1000 + i,
  kind: 'connection_offline',
  at,
  connectionId: `c${i}`,
  connectionName: `Moscow-${i}`,
  data: { offlineSince: at - 150_000 },
})

describe('webhooks', () => {
  it('posts a lone event as one JSON object with the fields receivers read, and a cycle of several as ONE summary holding each', async () => {
    const hook = await server()
    const { sink: s } = sink({ webhooks: [`${hook.url}/alerts?token=abc`] })
    s.deliver([event(1)])
    await s.idle()
    expect(hook.received.map((r) => r.body)).toEqual([
      {
        id: '1001',
        event: 'connection_offline',
        connection_id: 'c1',
        connection_name: 'Moscow-1',
        at: '2026-12-06T03:00:00.000Z',
        message: 'Connection Moscow-1 has been offline for 3 minutes.',
        data: { offlineSince: Date.UTC(2026, 11, 6, 3, 0) - 150_000 },
      },
    ])
    expect(hook.received[0]!.path).toBe('/alerts?token=abc')
    expect(hook.received[0]!.headers['idempotency-key']).toBe('1001')
    expect(hook.received[0]!.headers['content-type']).toBe('application/json')

    s.deliver([event(2), { kind: 'api_unreachable', at: Date.UTC(2026, 11, 6, 3, 1), data: { reason: 'http_503' } }])
    await s.idle()
    expect(hook.received).toHaveLength(2)
    const summary = hook.received[1]!.body
    expect(summary).toMatchObject({ event: 'summary', connection_id: null, at: '2026-12-06T03:01:00.000Z', data: { count: 2 } })
    expect(String(summary.message)).toContain('Moscow-2')
    const each = summary.events as Array<Record<string, unknown>>
    expect(each.map((e) => e.event)).toEqual(['connection_offline', 'api_unreachable'])
    expect(each[0]).toMatchObject({ id: '1002', connection_id: 'c2', connection_name: 'Moscow-2', message: 'Connection Moscow-2 has been offline for 3 minutes.' })
    expect(each[1]).toMatchObject({ connection_id: null, message: 'The iProxy API cannot be reached (http_503).' })
    // An event not yet in the history still gets an id, the same for every URL and every retry.
    expect(String(each[1]!.id)).toMatch(/^[0-9a-f-]{36}$/)
    expect(hook.received[1]!.headers['idempotency-key']).toBe(summary.id)
  })

  it('retries a webhook that answers 500 and then refuses connections: after it recovers every event arrives once', async () => {
    let failures = 0
    const hook = await server(() => (failures++ < 3 ? { status: 500 } : { status: 200 }))
    const { sink: s, logs } = sink({ webhooks: [hook.url] })
    // One event per cycle, so each is its own post.
    for (const i of [1, 2, 3]) s.deliver([event(i)])
    await waitFor(() => hook.received.length >= 3, 'three answers of 500')
    await hook.stop()
    // Delivered while the receiver is down: queued behind the first, not lost.
    s.deliver([event(4)])
    s.deliver([event(5)])
    await new Promise((r) => setTimeout(r, 400))
    await hook.restart()
    await s.idle()

    // Every event accepted exactly once; each failed attempt was retried under the same idempotency key.
    const accepted = hook.accepted().map((r) => String(r.body.id))
    expect([...accepted].sort()).toEqual(['1001', '1002', '1003', '1004', '1005'])
    const failed = hook.received.filter((r) => r.status !== 200)
    expect(failed).toHaveLength(3)
    for (const attempt of failed) expect(accepted).toContain(attempt.headers['idempotency-key'])
    expect(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size).toBe(5)
    expect(logs.some((l) => /retry \d+ in/.test(l) && l.includes('http_500'))).toBe(true)
    expect(logs.some((l) => l.includes('unreachable'))).toBe(true)
  })

  it('never blocks the engine: deliver returns at once while the receiver hangs', async () => {
    const hook = await server(() => 'hang')
    const { sink: s } = sink({ webhooks: [hook.url] }, { tuning: { timeoutMs: 500, maxAttempts: 1 } })
    const started = performance.now()
    s.deliver([event(1)])
    expect(performance.now() - started).toBeLessThan(20)
    await waitFor(() => hook.received.length === 1, 'the request')
  })

  it('waits as long as Retry-After says before trying again', async () => {
    let first = true
    const hook = await server(() => {
      if (!first) return { status: 204 }
      first = false
      return { status: 429, headers: { 'retry-after': '1' } }
    })
    const { sink: s } = sink({ webhooks: [hook.url] })
    s.deliver([event(1)])
    await s.idle()
    expect(hook.received).toHaveLength(2)
    expect(hook.received[1]!.at - hook.received[0]!.at).toBeGreaterThanOrEqual(950)
  })

  it('gives up on a refusal that repeating will not change (404), and goes on with the next event', async () => {
    const hook = await server((r) => (r.body.id === '1001' ? { status: 404 } : { status: 200 }))
    const { sink: s, logs } = sink({ webhooks: [hook.url] })
    s.deliver([event(1)])
    s.deliver([event(2)])
    await s.idle()
    expect(hook.received.map((r) => [r.body.id, r.status]).sort()).toEqual([
      ['1001', 404],
      ['1002', 200],
    ])
    expect(logs).toContain(`alert to webhook ${hook.url} not delivered after 1 attempt(s): http_404`)
  })

  it('bounds the queue: past the limit new alerts are dropped with a log line, the queued ones still arrive', async () => {
    const hook = await server()
    await hook.stop()
    const { sink: s, logs } = sink({ webhooks: [hook.url] }, { tuning: { baseDelayMs: 40, maxDelayMs: 100, maxAttempts: 100, timeoutMs: 10_000, maxQueued: 3 } })
    for (const i of [1, 2, 3, 4, 5]) s.deliver([event(i)])
    await waitFor(() => logs.filter((l) => l.includes('queue full')).length === 2, 'both drops to be logged')
    for (const line of logs.filter((l) => l.includes('queue full'))) expect(line).toContain('dropped 1 new alert(s)')
    await hook.restart()
    await s.idle()
    expect(hook.accepted().map((r) => r.body.id).sort()).toEqual(['1001', '1002', '1003'])
  })

  it('drops alerts that waited past their age while the receiver was down, and sends the fresh ones', async () => {
    // The receiver takes each post and never answers: an attempt ends at its 250 ms timeout, the retry after it
    // at about 540 ms, past the 400 ms age, so the four in flight end well after the two behind them are too old
    // (a receiver that refused at once made the two end a millisecond apart, and a loaded machine tried one).
    const hook = await server(() => 'hang')
    const { sink: s, logs } = sink({ webhooks: [hook.url] }, { tuning: { baseDelayMs: 40, maxDelayMs: 80, maxAttempts: 100, timeoutMs: 250, maxAgeMs: 400 } })
    // Four are tried at once (and given up when too old); the two waiting behind them are dropped untried.
    for (const i of [1, 2, 3, 4, 5, 6]) s.deliver([event(i)])
    await s.idle()
    expect(logs.filter((l) => l.includes('not delivered after'))).toHaveLength(4)
    expect(logs.some((l) => l.includes('dropped 2 alert(s) unsent'))).toBe(true)
    hook.answer = () => ({ status: 200, body: { ok: true } })
    s.deliver([event(7)])
    await s.idle()
    expect(hook.accepted().map((r) => r.body.id)).toEqual(['1007'])
  })

  it('sends a burst to every URL as one summary holding each event once (the 500 burst is in alerts-telegram.test.ts)', async () => {
    const a = await server()
    const b = await server()
    const { sink: s } = sink({ webhooks: [a.url, b.url] })
    s.deliver(Array.from({ length: 200 }, (_, i) => event(i + 1)))
    await s.idle()
    for (const hook of [a, b]) {
      expect(hook.accepted()).toHaveLength(1)
      const each = hook.accepted()[0]!.body.events as Array<{ id: string }>
      expect(new Set(each.map((e) => e.id)).size).toBe(200)
    }
  })

  it('answers "send a test alert" per URL: ok, http_404, unreachable, timeout; not_configured without URLs', async () => {
    const ok = await server()
    const missing = await server(() => ({ status: 404 }))
    const hangs = await server(() => 'hang')
    const refused = `http://127.0.0.1:${await closedPort()}/hook`
    const urls = [ok.url, missing.url, refused, hangs.url]
    const { sink: s } = sink({ webhooks: urls }, { tuning: { timeoutMs: 1_500 } })
    expect(await s.test('webhook')).toEqual([
      { channel: 'webhook', ok: true, target: ok.url },
      { channel: 'webhook', ok: false, target: missing.url, reason: 'http_404' },
      { channel: 'webhook', ok: false, target: refused, reason: 'unreachable' },
      { channel: 'webhook', ok: false, target: hangs.url, reason: 'timeout' },
    ])
    expect(ok.received[0]!.body).toMatchObject({ event: 'test', message: 'Test alert from iProxy Desktop: alerts arrive here.' })
    const none = sink({ webhooks: [] }).sink
    expect(await none.test('webhook')).toEqual([{ channel: 'webhook', ok: false, target: 'webhook', reason: 'not_configured' }])
  })
})
