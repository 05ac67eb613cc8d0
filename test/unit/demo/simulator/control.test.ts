/**
 * The simulator's control surface over loopback HTTP, as a test or a curl user drives it: a phone held offline
 * (and its proxy stops exiting), held through a reboot, released; the API taken down (503) and rate limited (429
 * with Retry-After); API requests counted; the demo's unreliable phone on its rhythm.
 */
import { request } from 'undici'
import { afterEach, expect, test } from 'vitest'
import { isLoopbackAddress } from '../../../../src/main/demo/control'
import { IproxyRateLimitError, IproxyServerError } from '../../../../src/main/iproxy'
import { demoConnectionId, openSession, type Session } from './harness'

let session: Session | undefined
afterEach(async () => {
  await session?.close()
  session = undefined
})

async function control(origin: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await request(`${origin}/_control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> }
}

const statusOf = async (s: Session, id: string) => (await s.client.connections.statuses()).find((c) => c.connection_id === id)?.online_status

test('a phone held offline stays offline through a reboot until released, then goes back to what it was', async () => {
  session = await openSession()
  const { sim, client } = session
  const id = demoConnectionId(sim, 'online')

  expect((await control(sim.origin, `/connections/${id}/status`, { status: 'offline' })).json).toMatchObject({ id, status: 'offline', held: true })
  expect(await statusOf(session, id)).toBe('offline')
  expect((await control(sim.origin, '')).json.held).toEqual([expect.objectContaining({ id, status: 'offline' })])

  // A reboot would bring it back after rebootOfflineMs (150 ms here); the hold wins.
  await client.connections.pushCommand(id, { action: 'reboot' })
  await new Promise((r) => setTimeout(r, 400))
  expect(await statusOf(session, id)).toBe('offline')

  await control(sim.origin, `/connections/${id}/status`, { status: 'release' })
  expect(await statusOf(session, id)).toBe('online')
  expect((await control(sim.origin, '')).json.held).toEqual([])

  // Many at once (all without ids), and released together.
  expect((await control(sim.origin, '/connections/status', { status: 'offline' })).json).toMatchObject({ count: sim.state.connections.size })
  expect((await client.connections.statuses()).every((c) => c.online_status === 'offline')).toBe(true)
  await control(sim.origin, '/connections/status', { status: 'release' })
  expect(await statusOf(session, id)).toBe('online')

  // Held online: an offline phone answers online.
  const offline = demoConnectionId(sim, 'offline')
  await control(sim.origin, `/connections/${offline}/status`, { status: 'online' })
  expect(await statusOf(session, offline)).toBe('online')
})

test('wrong requests are refused with the reason; only loopback peers are served', async () => {
  session = await openSession()
  const { sim } = session
  expect((await control(sim.origin, '/connections/nope/status', { status: 'offline' })).status).toBe(404)
  const id = demoConnectionId(sim, 'online')
  const bad = await control(sim.origin, `/connections/${id}/status`, { status: 'sleeping' })
  expect(bad.status).toBe(400)
  expect((await control(sim.origin, '/api', { down: 'yes' })).status).toBe(400)
  expect((await control(sim.origin, '/nothing-here', {})).status).toBe(404)
  expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.1'].map(isLoopbackAddress)).toEqual([true, true, true, true])
  expect(['10.0.0.1', '::ffff:192.168.1.1', '', undefined].map(isLoopbackAddress)).toEqual([false, false, false, false])
})

test('the API held down answers 503 to every call, rate limited 429 with Retry-After; requests are counted', async () => {
  session = await openSession()
  const { sim, client } = session
  const before = sim.control.apiRequestCount()

  await control(sim.origin, '/api', { down: true })
  await expect(client.me.get()).rejects.toBeInstanceOf(IproxyServerError)
  await expect(client.connections.statuses()).rejects.toBeInstanceOf(IproxyServerError)
  await control(sim.origin, '/api', { down: false })

  await control(sim.origin, '/api', { rateLimitSeconds: 42 })
  const limited = await client.connections.statuses().catch((err: unknown) => err)
  expect(limited).toBeInstanceOf(IproxyRateLimitError)
  expect((limited as IproxyRateLimitError).retryAfterMs).toBe(42_000)
  await control(sim.origin, '/api', { rateLimitSeconds: 0 })

  expect(await client.connections.statuses()).not.toHaveLength(0)
  expect(sim.control.apiRequestCount() - before).toBe(4)
  const counted = (await control(sim.origin, '/requests')).json as { byPath: Record<string, number> }
  expect(counted.byPath['/connections-status']).toBe(3)
  expect(counted.byPath['/me']).toBe(1)
})

test("the demo's unreliable phone goes offline on its rhythm and comes back with a new IP", async () => {
  session = await openSession({ demoOutages: { firstAfterMs: 100, offlineMs: 300, everyMs: 1_000 } })
  const { sim } = session
  const phone = [...sim.state.connections.values()].find((c) => c.name === 'New York T-Mobile')!
  const ipBefore = phone.ip?.ipv4
  expect(phone.status).toBe('online')
  await new Promise((r) => setTimeout(r, 250))
  expect(phone.status).toBe('offline')
  await new Promise((r) => setTimeout(r, 300))
  expect(phone.status).toBe('online')
  expect(phone.ip?.ipv4).not.toBe(ipBefore)
})
