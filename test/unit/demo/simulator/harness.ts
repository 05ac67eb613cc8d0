/**
 * Shared set-up for the simulator tests: a simulator on a random loopback port with fast timings, the project's
 * own API client pointed at it, a raw undici request for what the client refuses to send, and a leak check.
 */
import { request } from 'undici'
import { createIproxyClient, type IproxyClient } from '../../../../src/main/iproxy'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../../src/main/demo'
import { expectTcpHandlesBackTo, tcpHandleCount } from '../net-harness'

export interface Session {
  sim: Simulator
  client: IproxyClient
  close(): Promise<void>
}

export async function openSession(options: SimulatorOptions = {}): Promise<Session> {
  const baseline = tcpHandleCount()
  const sim = await startSimulator({ timing: { rebootOfflineMs: 150 }, ...options })
  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, maxRetries: 0, timeoutMs: 5_000 })
  return {
    sim,
    client,
    async close() {
      await client.close()
      await sim.stop()
      await expectTcpHandlesBackTo(baseline)
    },
  }
}

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: unknown
}

/** A request exactly as written, bypassing the client's own validation, so the server's answer can be seen. */
export async function raw(
  sim: Simulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  key: string | null = sim.apiKey,
): Promise<RawAnswer> {
  const res = await request(`${sim.baseUrl}${path}`, {
    method,
    headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.body.text()
  return { status: res.statusCode, headers: res.headers, json: text === '' ? undefined : JSON.parse(text) }
}

/** The first demo connection with the given status (the demo data set is deterministic). */
export function demoConnectionId(sim: Simulator, status: 'online' | 'offline' | 'flapping' | 'nodata' = 'online', nth = 0): string {
  const found = [...sim.state.connections.values()].filter((c) => c.status === status)[nth]
  if (!found) throw new Error(`the demo data has no ${status} connection #${nth}`)
  return found.id
}
