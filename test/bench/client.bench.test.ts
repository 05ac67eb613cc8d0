/**
 * `npm run bench:client`: lists 1,000 connections and 5,000 proxy accesses from a loopback server through the
 * real client and prints the wall time and the share spent in zod parsing (also written to out/bench/client.json,
 * zod and JSON.parse each against the wall time, so the ratio is the printed share). Asserts counts only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createIproxyClient, type IproxyClient, type RequestTiming } from '../../src/main/iproxy'
import { connectionListResponseSchema, proxyAccessListResponseSchema } from '../../src/shared/iproxy'
import { startFakeConsoleServer, type FakeConsoleServer } from '../support/fake-console-server'
import * as seed from '../unit/iproxy/seed-examples'
import { BenchRecorder } from './bench-report'

const CONNECTIONS = 1_000
const PROXIES = 5_000
const RUNS = 7

const connections = {
  connections: Array.from({ length: CONNECTIONS }, (_, i) => {
    const base = i % 2 === 0 ? seed.connection : seed.justCreatedConnection
    return { ...base, id: `conn${i}`, basic_info: { ...base.basic_info, name: `phone ${i}` } }
  }),
}
const proxies = {
  proxy_accesses: Array.from({ length: PROXIES }, (_, i) => {
    const base = seed.proxyAccessList.proxy_accesses[i % 2]!
    return { ...base, id: `proxy${i}`, connection_id: `conn${i % CONNECTIONS}`, port: 10_000 + i }
  }),
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
const ms = (value: number): string => `${value.toFixed(1)} ms`

let server: FakeConsoleServer
let client: IproxyClient
let timings: RequestTiming[] = []
const bench = new BenchRecorder('client')

beforeAll(async () => {
  server = await startFakeConsoleServer()
  server.route('GET', '/connections', { json: connections })
  server.route('GET', '/proxy-access', { json: proxies })
  client = createIproxyClient({ apiKey: 'bench-key', baseUrl: server.baseUrl, onTiming: (t) => timings.push(t) })
})
afterAll(async () => {
  await client.close()
  await server.close()
  console.log(`figures written to ${bench.write()}`)
})

async function measure(label: string, call: () => Promise<unknown[]>, expected: number): Promise<void> {
  const walls: number[] = []
  timings = []
  let cold: RequestTiming | undefined
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const list = await call()
    walls.push(performance.now() - started)
    expect(list).toHaveLength(expected)
    cold ??= timings[0]
  }
  const warm = timings.slice(1)
  const wall = median(walls.slice(1))
  const schema = median(warm.map((t) => t.schemaMs))
  const json = median(warm.map((t) => t.jsonMs))
  const wallFigure = { name: 'warm wall', value: wall, unit: 'ms' } as const
  bench.add(`${label}: body size`, timings[0]!.bytes / 1024 / 1024, 'MB')
  bench.add(`${label}: first call wall`, walls[0]!, 'ms')
  bench.add(`${label}: first call zod`, cold!.schemaMs, 'ms')
  bench.add(`${label}: first call JSON.parse`, cold!.jsonMs, 'ms')
  bench.add(`${label}: warm wall`, wall, 'ms')
  bench.add(`${label}: warm zod`, schema, 'ms', wallFigure)
  bench.add(`${label}: warm JSON.parse`, json, 'ms', wallFigure)
  bench.add(`${label}: warm HTTP and the rest`, wall - schema - json, 'ms')
  console.log(
    [
      `${label}: ${expected} items, ${(timings[0]!.bytes / 1024 / 1024).toFixed(2)} MiB`,
      `  first call: wall ${ms(walls[0]!)}, zod ${ms(cold!.schemaMs)}, JSON.parse ${ms(cold!.jsonMs)}`,
      `  median of ${RUNS - 1} warm calls: wall ${ms(wall)}, zod ${ms(schema)} (${((schema / wall) * 100).toFixed(0)} % of wall), ` +
        `JSON.parse ${ms(json)} (${((json / wall) * 100).toFixed(0)} %), HTTP and the rest ${ms(wall - schema - json)}`,
    ].join('\n'),
  )
}

it('lists 1,000 connections', async () => {
  await measure('connections.list()', () => client.connections.list(), CONNECTIONS)
})

it('lists 5,000 proxy accesses', async () => {
  await measure('proxies.list()', () => client.proxies.list(), PROXIES)
})

it('parses 1,000 connections with the schema alone', () => {
  const json = JSON.parse(JSON.stringify(connections)) as unknown
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    const started = performance.now()
    connectionListResponseSchema.parse(json)
    times.push(performance.now() - started)
  }
  const proxyJson = JSON.parse(JSON.stringify(proxies)) as unknown
  const proxyTimes: number[] = []
  for (let i = 0; i < 20; i++) {
    const started = performance.now()
    proxyAccessListResponseSchema.parse(proxyJson)
    proxyTimes.push(performance.now() - started)
  }
  bench.add('schema only: 1,000 connections first', times[0]!, 'ms')
  bench.add('schema only: 1,000 connections median', median(times), 'ms')
  bench.add('schema only: 1,000 connections worst', Math.max(...times), 'ms')
  bench.add('schema only: 5,000 proxy accesses median', median(proxyTimes), 'ms')
  console.log(
    `schema only, in a warm process: 1,000 connections first ${ms(times[0]!)}, median ${ms(median(times))}, worst ${ms(Math.max(...times))} (budget 50 ms); ` +
      `5,000 proxy accesses median ${ms(median(proxyTimes))}`,
  )
})
