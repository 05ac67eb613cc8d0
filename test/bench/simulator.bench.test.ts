/**
 * `npm run bench:simulator`: start-up time of the simulator (demo seed, and a 5,000 x 4 scale account), the time
 * to answer `GET /connections` and `GET /proxy-access` at that scale (target: under 300 ms each), and the
 * process's RSS and open sockets. Prints figures; asserts counts only, never timings.
 */
import { request } from 'undici'
import { afterAll, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/demo'
import { createIproxyClient } from '../../src/main/iproxy'

const SCALE = { connections: 5_000, proxiesPerConnection: 4 }
const RUNS = 7
const BUDGET_MS = 300

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const ms = (value: number): string => `${value.toFixed(1)} ms`
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length

const sims: Simulator[] = []
afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()))
})

it('prints start-up, list timings at 5,000 x 4, RSS and sockets', async () => {
  const lines: string[] = ['', 'simulator benchmark']

  let started = performance.now()
  const demo = await startSimulator({ seed: 'demo' })
  sims.push(demo)
  lines.push(`  start-up, demo seed (12 connections, ${demo.listeners.count()} real proxy listeners): ${ms(performance.now() - started)}`)
  await demo.stop()

  const rssBefore = process.memoryUsage().rss
  started = performance.now()
  const sim = await startSimulator({ scale: SCALE })
  sims.push(sim)
  lines.push(`  start-up, scale ${SCALE.connections} x ${SCALE.proxiesPerConnection} (listeners unbound): ${ms(performance.now() - started)}`)
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
  }

  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })
  try {
    let t0 = performance.now()
    expect(await client.connections.list()).toHaveLength(SCALE.connections)
    const clientConnections = performance.now() - t0
    t0 = performance.now()
    expect(await client.proxies.list()).toHaveLength(SCALE.connections * SCALE.proxiesPerConnection)
    lines.push(`  through the app's client (incl. zod): connections ${ms(clientConnections)}, proxy accesses ${ms(performance.now() - t0)}`)
  } finally {
    await client.close()
  }

  const rss = process.memoryUsage().rss
  lines.push(`  RSS: ${mb(rss)} (scale account added ~${mb(Math.max(0, rss - rssBefore))}; includes the test runner)`)
  lines.push(`  open sockets: API server ${sim.openSocketCount()}, proxy listeners ${sim.listeners.count()}, TCP handles in the process ${tcpHandles()}`)
  console.log(lines.join('\n'))
})
