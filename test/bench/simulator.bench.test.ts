/**
 * `npm run bench:simulator`: start-up time of the simulator (demo seed, and a 5,000 x 4 scale account), the time
 * to answer `GET /connections` and `GET /proxy-access` at that scale (target: under 300 ms each), and the
 * process's RSS and open sockets. Prints figures (also written to out/bench/simulator.json); asserts counts only,
 * never timings.
 */
import { request } from 'undici'
import { afterAll, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/demo'
import { createIproxyClient } from '../../src/main/iproxy'
import { BenchRecorder } from './bench-report'

const SCALE = { connections: 5_000, proxiesPerConnection: 4 }
const RUNS = 7
const BUDGET_MS = 300

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const ms = (value: number): string => `${value.toFixed(1)} ms`
const toMb = (bytes: number): number => bytes / 1024 / 1024
const mb = (bytes: number): string => `${toMb(bytes).toFixed(0)} MB`
const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length

const sims: Simulator[] = []
afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()))
})

it('prints start-up, list timings at 5,000 x 4, RSS and sockets', async () => {
  const lines: string[] = ['', 'simulator benchmark']
  const bench = new BenchRecorder('simulator')

  let started = performance.now()
  const demo = await startSimulator({ seed: 'demo' })
  sims.push(demo)
  const demoStartup = performance.now() - started
  lines.push(`  start-up, demo seed (12 connections, ${demo.listeners.count()} real proxy listeners): ${ms(demoStartup)}`)
  bench.add('start-up, demo seed', demoStartup, 'ms')
  bench.add('start-up, demo seed: real proxy listeners', demo.listeners.count(), 'count')
  await demo.stop()

  const rssBefore = process.memoryUsage().rss
  started = performance.now()
  const sim = await startSimulator({ scale: SCALE })
  sims.push(sim)
  const scaleStartup = performance.now() - started
  lines.push(`  start-up, scale ${SCALE.connections} x ${SCALE.proxiesPerConnection} (listeners unbound): ${ms(scaleStartup)}`)
  bench.add(`start-up, scale ${SCALE.connections} x ${SCALE.proxiesPerConnection}`, scaleStartup, 'ms')
  expect(sim.state.connections.size).toBe(SCALE.connections)
  expect(sim.state.proxies.size).toBe(SCALE.connections * SCALE.proxiesPerConnection)

  const headers = { authorization: `Bearer ${sim.apiKey}` }
  for (const [path, key, count] of [['/connections', 'connections', SCALE.connections], ['/proxy-access', 'proxy_accesses', SCALE.connections * SCALE.proxiesPerConnection]] as const) {
    const times: number[] = []
    let bytes = 0
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now()
      const res = await request(`${sim.baseUrl}${path}`, { headers })
      const text = await res.body.text()
      const elapsed = performance.now() - t0
      if (run > 0) times.push(elapsed) // the first run warms up the JIT
      bytes = text.length
      if (run === RUNS) expect((JSON.parse(text) as Record<string, unknown[]>)[key]).toHaveLength(count)
    }
    const m = median(times)
    lines.push(`  GET ${path}: median ${ms(m)}, max ${ms(Math.max(...times))} over ${RUNS} runs, ${mb(bytes)} body — ${m < BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS} ms budget`)
    bench.add(`GET ${path}: median`, m, 'ms')
    bench.add(`GET ${path}: max`, Math.max(...times), 'ms')
    bench.add(`GET ${path}: body size`, toMb(bytes), 'MB')
  }

  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })
  try {
    let t0 = performance.now()
    expect(await client.connections.list()).toHaveLength(SCALE.connections)
    const clientConnections = performance.now() - t0
    t0 = performance.now()
    expect(await client.proxies.list()).toHaveLength(SCALE.connections * SCALE.proxiesPerConnection)
    const clientProxies = performance.now() - t0
    lines.push(`  through the app's client (incl. zod): connections ${ms(clientConnections)}, proxy accesses ${ms(clientProxies)}`)
    bench.add("through the app's client: connections", clientConnections, 'ms')
    bench.add("through the app's client: proxy accesses", clientProxies, 'ms')
  } finally {
    await client.close()
  }

  const rss = process.memoryUsage().rss
  lines.push(`  RSS: ${mb(rss)} (scale account added ~${mb(Math.max(0, rss - rssBefore))}; includes the test runner)`)
  const sockets = { api: sim.openSocketCount(), listeners: sim.listeners.count(), tcp: tcpHandles() }
  lines.push(`  open sockets: API server ${sockets.api}, proxy listeners ${sockets.listeners}, TCP handles in the process ${sockets.tcp}`)
  bench.add('RSS', toMb(rss), 'MB')
  bench.add('RSS added by the scale account', toMb(Math.max(0, rss - rssBefore)), 'MB')
  bench.add('open sockets: API server', sockets.api, 'count')
  bench.add('open sockets: proxy listeners', sockets.listeners, 'count')
  bench.add('TCP handles in the process', sockets.tcp, 'count')
  console.log(lines.join('\n'))
  console.log(`figures written to ${bench.write()}`)
})
