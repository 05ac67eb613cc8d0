/**
 * `npm run bench:watch`: the fleet watch over 500 connections at a 1 s interval, against the simulator in its own
 * process (out/simulator/cli.mjs, so this process's CPU is the watch's alone), with the real alert sink posting to
 * a local webhook receiver and a local fake Telegram Bot API. Writes out/bench/watch.json.
 *
 *   1. 300 cycles driven back to back with runCycle (the engine's clock moved 1 s a cycle: 300 real seconds
 *      would only add idle time between cycles), after 100 warm-up cycles (the first of which also reads the
 *      connections list, for names and plan ends): API requests counted at the simulator, CPU of this process
 *      per cycle (median, p99) beside JSON.parse of the same connections-status body, RSS growth over the run
 *      (after a full GC at both ends).
 *   2. 20 s at a real 1 s interval (engine.start()): cycles and requests counted at the simulator.
 *   3. A burst: all 500 phones held offline at once (control surface); with offline-after 5 s, one batch to the
 *      sink, one Telegram summary, and one webhook summary post holding the 500 events' objects,
 *      timed from the hold.
 *
 * Asserts what the issue promises: one API request per cycle, RSS growth under 5 MB, one summary per channel in
 * time. CPU figures are printed, not asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { request } from 'undici'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openHistoryStore, type HistoryStore } from '../../src/main/history'
import { createIproxyClient, type IproxyClient } from '../../src/main/iproxy'
import { createAlertSink, type AlertSinkWithIdle } from '../../src/main/watch/alerts'
import { createWatchEngine, type FullWatchEngine } from '../../src/main/watch/engine'
import type { AlertSink } from '../../src/main/watch/types'
import { DEFAULT_WATCH_SETTINGS, type WatchEvent, type WatchSettings } from '../../src/shared/watch'
import { startTestServer, waitFor, type TestServer } from '../unit/watch/alerts-servers'
import { BenchRecorder } from './bench-report'

const ROOT = resolve(__dirname, '../..')
const FLEET = 500
const CYCLES = 300
// The first ~100 cycles grow the heap to its working size (JIT, old space); growth is measured after them.
const WARMUP = 100
const REAL_SECONDS = 20
const OFFLINE_AFTER_S = 5
const INTERVAL_S = 1

const bench = new BenchRecorder('watch')
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}
const ms = (v: number) => `${v.toFixed(2)} ms`

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
function settledRss(): number {
  for (let i = 0; i < 3; i++) gc()
  return process.memoryUsage().rss
}

/** A real AlertSink in front of the real one, counting the batches it is handed and when. */
class CountingSink implements AlertSink {
  readonly batches: Array<{ at: number; events: readonly WatchEvent[] }> = []
  constructor(private readonly inner: AlertSinkWithIdle) {}
  deliver(events: readonly WatchEvent[]): void {
    this.batches.push({ at: Date.now(), events })
    this.inner.deliver(events)
  }
  test = (channel: Parameters<AlertSink['test']>[0]) => this.inner.test(channel)
  pauseUntil = (until: number | undefined) => this.inner.pauseUntil(until)
  pausedUntil = () => this.inner.pausedUntil()
  dispose = () => this.inner.dispose()
}

let simProcess: ChildProcess
let origin = ''
let baseUrl = ''
let apiKey = ''
let client: IproxyClient
let store: HistoryStore
let dir: string
let webhook: TestServer
let telegram: TestServer
let alerts: AlertSinkWithIdle
let sink: CountingSink
let engine: FullWatchEngine
let fakeNow: number | undefined = Date.now()
let skew = 0
const settings: WatchSettings = {
  ...DEFAULT_WATCH_SETTINGS,
  intervalSeconds: INTERVAL_S,
  offlineAfterSeconds: OFFLINE_AFTER_S,
  webhooks: [],
  telegram: { enabled: true, chatId: '42', apiBaseUrl: '' },
}

async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await request(`${origin}/_control${path}`, { method: body === undefined ? 'GET' : 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  return (await res.body.json()) as Record<string, unknown>
}
const statusRequests = async () => ((await control('/requests')).byPath as Record<string, number>)['/connections-status'] ?? 0
const totalRequests = async () => (await control('/requests')).total as number

beforeAll(async () => {
  simProcess = spawn(process.execPath, [join(ROOT, 'out/simulator/cli.mjs'), '--port', '0', '--scale-connections', String(FLEET), '--scale-proxies', '1', '--steady'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  await new Promise<void>((done, fail) => {
    simProcess.once('exit', (code) => fail(new Error(`the simulator exited (${code}); build it first: vite build --config scripts/simulator.vite.config.mts`)))
    simProcess.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /baseUrl: (\S+)/.exec(out)?.[1]
      const key = /apiKey:\s+(\S+)/.exec(out)?.[1]
      if (url && key && /control:/.test(out)) {
        baseUrl = url
        apiKey = key
        origin = new URL(url).origin
        done()
      }
    })
  })
  simProcess.removeAllListeners('exit')
  dir = mkdtempSync(join(tmpdir(), 'iproxy-bench-watch-'))
  const log = () => undefined
  store = await openHistoryStore(dir, { log })
  client = createIproxyClient({ apiKey, baseUrl })
  webhook = await startTestServer()
  telegram = await startTestServer(() => ({ status: 200, body: { ok: true, result: { message_id: 1 } } }))
  settings.webhooks = [`${webhook.url}/hook`]
  settings.telegram.apiBaseUrl = telegram.url
  alerts = createAlertSink({ settings: async () => settings, telegramToken: async () => '123:bench', language: () => 'en', log })
  sink = new CountingSink(alerts)
  engine = createWatchEngine({
    client: () => client,
    history: store,
    settings: async () => settings,
    alerts: sink,
    log,
    now: () => fakeNow ?? Date.now() + skew,
    minIntervalMs: INTERVAL_S * 1000,
  })
  // Every phone online to start with (the generated fleet has offline and flapping ones).
  await control('/connections/status', { status: 'online' })
}, 60_000)

afterAll(async () => {
  await engine?.stop()
  await alerts?.dispose()
  await client?.close()
  await store?.close()
  await webhook?.close()
  await telegram?.close()
  simProcess?.kill('SIGTERM')
  if (dir) rmSync(dir, { recursive: true, force: true })
  console.log(`figures written to ${bench.write()}`)
})

it(`${CYCLES} cycles over ${FLEET} connections: one request each, CPU per cycle beside JSON.parse, RSS growth`, async () => {
  for (let i = 0; i < WARMUP; i++) {
    fakeNow! += INTERVAL_S * 1000
    await engine.runCycle()
  }
  expect(engine.status().counts).toEqual({ total: FLEET, online: FLEET, offline: 0 })
  const statusBefore = await statusRequests()
  const totalBefore = await totalRequests()
  const rssBefore = settledRss()
  const cpu: number[] = []
  const wall: number[] = []
  for (let i = 0; i < CYCLES; i++) {
    fakeNow! += INTERVAL_S * 1000
    const started = performance.now()
    const usage = process.cpuUsage()
    await engine.runCycle()
    const used = process.cpuUsage(usage)
    wall.push(performance.now() - started)
    cpu.push((used.user + used.system) / 1000)
  }
  const rssGrowth = (settledRss() - rssBefore) / 1024 / 1024
  const statusMade = (await statusRequests()) - statusBefore
  // The two /_control/requests reads are not API requests; everything else counted is.
  const totalMade = (await totalRequests()) - totalBefore

  // The same answer, parsed by JSON.parse alone.
  const res = await request(`${baseUrl}/connections-status`, { headers: { authorization: `Bearer ${apiKey}` } })
  const body = await res.body.text()
  const parse: number[] = []
  for (let i = 0; i < CYCLES; i++) {
    const usage = process.cpuUsage()
    JSON.parse(body)
    const used = process.cpuUsage(usage)
    parse.push((used.user + used.system) / 1000)
  }
  const parseWall: number[] = []
  for (let i = 0; i < CYCLES; i++) {
    const started = performance.now()
    JSON.parse(body)
    parseWall.push(performance.now() - started)
  }

  const cpuMedian = quantile(cpu, 0.5)
  const cpuP99 = quantile(cpu, 0.99)
  const jsonMedian = Math.max(quantile(parseWall, 0.5), 0.001)
  const jsonP99 = Math.max(quantile(parseWall, 0.99), 0.001)
  bench.add('driven: cycles', CYCLES, 'count')
  bench.add('driven: connections-status requests', statusMade, 'count')
  bench.add('driven: API requests in all', totalMade, 'count')
  bench.add('driven: response body', body.length / 1024, 'KB')
  bench.add('driven: CPU per cycle median', cpuMedian, 'ms', { name: 'JSON.parse of the body median', value: jsonMedian, unit: 'ms' })
  bench.add('driven: CPU per cycle p99', cpuP99, 'ms', { name: 'JSON.parse of the body p99', value: jsonP99, unit: 'ms' })
  bench.add('driven: wall per cycle median', quantile(wall, 0.5), 'ms')
  bench.add('driven: RSS growth', rssGrowth, 'MB')
  console.log(
    [
      `watch, ${FLEET} connections, ${CYCLES} cycles driven back to back (engine clock +${INTERVAL_S} s a cycle), after ${WARMUP} warm-up cycles:`,
      `  API requests: ${statusMade} connections-status, ${totalMade} in all (${(totalMade / CYCLES).toFixed(3)} per cycle)`,
      `  CPU of this process per cycle: median ${ms(cpuMedian)}, p99 ${ms(cpuP99)}; wall median ${ms(quantile(wall, 0.5))}`,
      `  JSON.parse of the same ${(body.length / 1024).toFixed(0)} KB body: median ${ms(jsonMedian)}, p99 ${ms(jsonP99)} ` +
        `(CPU-clock median ${ms(quantile(parse, 0.5))}; process.cpuUsage ticks are coarse at this size)`,
      `  RSS growth over the run: ${rssGrowth.toFixed(2)} MB (budget 5 MB)`,
    ].join('\n'),
  )
  expect(statusMade).toBe(CYCLES)
  expect(totalMade).toBe(CYCLES)
  expect(rssGrowth).toBeLessThan(5)
}, 300_000)

it(`${REAL_SECONDS} s at a real ${INTERVAL_S} s interval: one request per cycle`, async () => {
  skew = fakeNow! - Date.now()
  fakeNow = undefined
  const before = await statusRequests()
  const totalBefore = await totalRequests()
  let cycles = 0
  const off = engine.onStatus(() => cycles++)
  engine.start()
  await new Promise((r) => setTimeout(r, REAL_SECONDS * 1000))
  await engine.stop()
  off()
  const made = (await statusRequests()) - before
  const total = (await totalRequests()) - totalBefore
  // stop() emits one status of its own.
  const ran = cycles - 1
  bench.add('real time: cycles', ran, 'count')
  bench.add('real time: connections-status requests', made, 'count')
  console.log(`real ${INTERVAL_S} s interval for ${REAL_SECONDS} s: ${ran} cycles, ${made} connections-status requests, ${total} API requests in all`)
  expect(made).toBe(ran)
  expect(total).toBe(ran)
  expect(ran).toBeGreaterThanOrEqual(REAL_SECONDS * 0.6)
}, 60_000)

it(`a burst of ${FLEET} phones offline: one batch, one Telegram summary, in time`, async () => {
  const batchesBefore = sink.batches.length
  const telegramBefore = telegram.received.length
  const webhookBefore = webhook.accepted().length
  engine.start()
  await new Promise((r) => setTimeout(r, 2_500))
  const heldAt = Date.now()
  await control('/connections/status', { status: 'offline' })
  await waitFor(() => telegram.received.length > telegramBefore, 'the Telegram summary', 30_000)
  const telegramAt = telegram.received.at(-1)!.at
  await waitFor(() => webhook.accepted().length > webhookBefore, 'the webhook summary', 60_000)
  const webhookDoneAt = webhook.accepted().at(-1)!.at
  // Three more intervals: nothing more comes for the same outage.
  await new Promise((r) => setTimeout(r, 3 * INTERVAL_S * 1000))
  await engine.stop()
  await alerts.idle()

  const burst = sink.batches.slice(batchesBefore)
  const offline = burst.filter((b) => b.events.some((e) => e.kind === 'connection_offline'))
  const firstSeenDown = offline[0]!.events[0]!.data!.offlineSince as number
  const telegramAfterHold = (telegramAt - heldAt) / 1000
  const telegramAfterThreshold = (telegramAt - (firstSeenDown - skew + OFFLINE_AFTER_S * 1000)) / 1000
  bench.add('burst: batches to the sink', offline.length, 'count')
  bench.add('burst: events in the batch', offline[0]!.events.length, 'count')
  bench.add('burst: Telegram messages', telegram.received.length - telegramBefore, 'count')
  const webhookPosts = webhook.accepted().slice(webhookBefore)
  const webhookEvents = webhookPosts.reduce((n, r) => n + ((r.body.events as unknown[] | undefined)?.length ?? 1), 0)
  bench.add('burst: webhook posts', webhookPosts.length, 'count')
  bench.add('burst: events in the webhook posts', webhookEvents, 'count')
  bench.add('burst: Telegram summary after the hold', telegramAfterHold * 1000, 'ms')
  bench.add('burst: Telegram summary after offline-after', telegramAfterThreshold * 1000, 'ms')
  bench.add('burst: webhook summary after the hold', webhookDoneAt - heldAt, 'ms')
  const text = String(telegram.received.at(-1)!.body.text ?? '')
  console.log(
    [
      `burst: ${FLEET} phones held offline at once, offline-after ${OFFLINE_AFTER_S} s, interval ${INTERVAL_S} s:`,
      `  ${offline.length} batch of ${offline[0]!.events.length} events; Telegram: ${telegram.received.length - telegramBefore} message ` +
        `${telegramAfterHold.toFixed(2)} s after the hold, ${telegramAfterThreshold.toFixed(2)} s after offline-after (from the first cycle that saw them down)`,
      `  webhook: ${webhookPosts.length} post holding ${webhookEvents} events, ${((webhookDoneAt - heldAt) / 1000).toFixed(2)} s after the hold`,
      `  the summary begins: ${JSON.stringify(text.split('\n')[0])}`,
    ].join('\n'),
  )
  expect(offline).toHaveLength(1)
  expect(offline[0]!.events).toHaveLength(FLEET)
  expect(telegram.received.length - telegramBefore).toBe(1)
  expect(webhookPosts).toHaveLength(1)
  expect(webhookEvents).toBe(FLEET)
  expect(telegramAfterThreshold).toBeLessThanOrEqual(INTERVAL_S)
}, 120_000)
