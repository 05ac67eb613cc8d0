/**
 * `npm run bench:exports`: formats and parses 100,000 proxy accesses in each format and prints the median time
 * of each (target: under 300 ms per format each way). Asserts counts only, never timings.
 *
 * Each timed call is what a user waits for: one untimed warm-up call first (JIT), and a full garbage collection
 * before every timed call, so a call does not pay for collecting the garbage of the calls before it.
 * The figures also go to out/bench/exports.json (the json row compared with V8's JSON.stringify / JSON.parse).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { PROXY_FORMATS, formatProxies, proxyRow, type ExportableProxy, type ProxyFormat } from '../../src/shared/proxy-list/format'
import { parseProxyLines } from '../../src/shared/proxy-list/parse'
import { BenchRecorder } from './bench-report'

const COUNT = 100_000
const RUNS = 5

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const proxies: ExportableProxy[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `proxy${i}`,
  connection_id: `conn${i % 1000}`,
  description: i % 3 === 0 ? `phone ${i}, "office"` : 'new proxy description',
  listen_service: i % 2 === 0 ? 'socks5' : 'http',
  auth_type: 'userpass',
  // Unique per access, with characters the URL format has to encode.
  auth: { login: `user${i}`, password: `p@ss/${i} ✓` },
  ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  port: 10_000 + (i % 50_000),
  hostname: `x${i % 97}.fxdx.in`,
  expires_at: '2026-01-01T01:01:01Z',
}))
const connectionNames = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`conn${i}`, `Phone ${i}`]))

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

/** Wall time and CPU time (this process, all threads: includes the garbage collector's helpers). */
function time(fn: () => void): { wall: number; cpu: number } {
  collectGarbage()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  fn()
  const c = process.cpuUsage(c0)
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }
}
type Runs = Array<{ wall: number; cpu: number }>
const medians = (runs: Runs) => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) })
const fmt = (runs: Runs): string => `${medians(runs).wall.toFixed(1).padStart(7)} ms (cpu ${medians(runs).cpu.toFixed(0).padStart(4)} ms)`

/** `<label>: format` and `<label>: parse`, wall and CPU, each against the builtin's figure when there is one. */
function record(bench: BenchRecorder, label: string, formatRuns: Runs, parseRuns: Runs, builtins?: { stringify: Runs; parse: Runs }): void {
  for (const [step, runs, builtin, builtinName] of [
    ['format', formatRuns, builtins?.stringify, 'JSON.stringify(rows, null, 2)'],
    ['parse', parseRuns, builtins?.parse, 'JSON.parse'],
  ] as const) {
    const m = medians(runs)
    const b = builtin && medians(builtin)
    bench.add(`${label}: ${step}`, m.wall, 'ms', b && { name: builtinName, value: b.wall, unit: 'ms' })
    bench.add(`${label}: ${step} cpu`, m.cpu, 'ms', b && { name: `${builtinName} cpu`, value: b.cpu, unit: 'ms' })
  }
}

it(`formats and parses ${COUNT.toLocaleString('en')} proxies in each format`, () => {
  const rows: string[] = []
  const bench = new BenchRecorder('exports')
  for (const format of PROXY_FORMATS as readonly ProxyFormat[]) {
    const options = { format, address: 'ip' as const, connectionNames, template: '{service}://{login_url}:{password_url}@{host}:{port}' }
    let text = ''
    const formatTimes: Runs = []
    const parseTimes: Runs = []
    text = formatProxies(proxies, options).text // warm-up
    for (let run = 0; run < RUNS; run++) formatTimes.push(time(() => (text = formatProxies(proxies, options).text)))
    let parsed = parseProxyLines(text) // warm-up
    for (let run = 0; run < RUNS; run++) parseTimes.push(time(() => (parsed = parseProxyLines(text))))
    // host:port repeats addresses across accesses (duplicates are reported); every other format reads back whole.
    if (format === 'host:port') expect(parsed.proxies.length + parsed.rejected.length).toBe(COUNT)
    else expect(parsed.proxies).toHaveLength(COUNT)
    // The text's size in UTF-8 (what a file of it takes), in MB of 1024², as in every bench.
    const megabytes = Buffer.byteLength(text) / 1024 / 1024
    rows.push(`${format.padEnd(26)} format ${fmt(formatTimes)}   parse ${fmt(parseTimes)}   ${megabytes.toFixed(1)} MB`)
    if (format !== 'json') record(bench, format, formatTimes, parseTimes)
    else {
      // What the JSON figures compare with: V8's own builtins on the same data (they build plain objects, not
      // proxies with line numbers), and a gauge of how fast this machine runs at the time.
      const stringifyTimes: Runs = []
      const builtinParseTimes: Runs = []
      const plainRows = proxies.map((p) => proxyRow(p, connectionNames))
      for (let run = 0; run < RUNS; run++) stringifyTimes.push(time(() => JSON.stringify(plainRows, null, 2)))
      for (let run = 0; run < RUNS; run++) builtinParseTimes.push(time(() => JSON.parse(text)))
      rows.push(`${'  (V8 builtins alone)'.padEnd(26)} format ${fmt(stringifyTimes)}   parse ${fmt(builtinParseTimes)}   JSON.stringify(rows, null, 2) / JSON.parse`)
      record(bench, format, formatTimes, parseTimes, { stringify: stringifyTimes, parse: builtinParseTimes })
    }
    bench.add(`${format}: text size`, megabytes, 'MB')
  }
  console.log(`exports bench: ${COUNT.toLocaleString('en')} proxies, median of ${RUNS} runs after a warm-up, each after a full GC (target: under 300 ms each)\n${rows.join('\n')}`)
  console.log(`figures written to ${bench.write()}`)
}, 600_000)
