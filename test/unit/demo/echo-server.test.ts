import { Agent, ProxyAgent, request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createExitRegistry } from '../../../src/main/demo/exit-registry'
import { access, EXITS, expectTcpHandlesBackTo, startRig, tcpHandleCount, waitFor, type Rig } from './net-harness'

let rig: Rig
let baseline: number
const dispatchers: Array<Agent | ProxyAgent> = []

beforeEach(async () => {
  baseline = tcpHandleCount()
  rig = await startRig()
})

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.close()))
  await rig.close()
  await expectTcpHandlesBackTo(baseline)
})

function keepAlive<T extends Agent | ProxyAgent>(dispatcher: T): T {
  dispatchers.push(dispatcher)
  return dispatcher
}

const token = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`

describe('echo endpoint', () => {
  it('answers the caller address when reached directly', async () => {
    const res = await request(rig.echo.url, { dispatcher: keepAlive(new Agent()) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/json')
    expect(await res.body.json()).toEqual({
      ip: '127.0.0.1',
      country: null,
      city: null,
      asn: null,
      carrier: null,
      connection_id: null,
    })
  })

  it('decides per request on keep-alive sockets: direct, conn-a and conn-b interleaved', async () => {
    await rig.pool.open(access({ id: 'a', listenService: 'http', connectionId: 'conn-a' }))
    await rig.pool.open(access({ id: 'b', listenService: 'http', connectionId: 'conn-b' }))
    const direct = keepAlive(new Agent())
    const viaA = keepAlive(new ProxyAgent({ uri: `http://127.0.0.1:${rig.pool.get('a')?.port}`, token }))
    const viaB = keepAlive(new ProxyAgent({ uri: `http://127.0.0.1:${rig.pool.get('b')?.port}`, token }))
    for (let round = 0; round < 3; round++) {
      const [d, a, b] = await Promise.all(
        [direct, viaA, viaB].map(async (dispatcher) => (await request(rig.echo.url, { dispatcher })).body.json()),
      )
      expect(d).toMatchObject({ ip: '127.0.0.1', connection_id: null })
      expect(a).toMatchObject({ ip: EXITS['conn-a']?.ip, city: 'Moscow', connection_id: 'conn-a' })
      expect(b).toMatchObject({ ip: EXITS['conn-b']?.ip, city: 'Kazan', connection_id: 'conn-b' })
    }
  })

  it('answers 503 when the connection behind the tunnel has no exit any more', async () => {
    await rig.pool.open(access({ listenService: 'http', connectionId: 'conn-deleted' }))
    const via = keepAlive(new ProxyAgent({ uri: `http://127.0.0.1:${rig.pool.get('pa-1')?.port}`, token }))
    const res = await request(rig.echo.url, { dispatcher: via })
    expect(res.statusCode).toBe(503)
    expect(await res.body.json()).toMatchObject({ error: { code: 'exit_unavailable' } })
  })

  it('refuses methods other than GET and HEAD', async () => {
    const res = await request(rig.echo.url, { method: 'POST', body: '{}', dispatcher: keepAlive(new Agent()) })
    expect(res.statusCode).toBe(405)
    expect(res.headers.allow).toBe('GET, HEAD')
    await res.body.dump()
  })

  it('forgets an exit when its outbound socket closes', async () => {
    await rig.pool.open(access({ listenService: 'http' }))
    // Not in `dispatchers`: closed here, and closing twice throws.
    const via = new ProxyAgent({ uri: `http://127.0.0.1:${rig.pool.get('pa-1')?.port}`, token })
    await (await request(rig.echo.url, { dispatcher: via })).body.dump()
    expect(rig.registry.size()).toBe(1)
    await via.close()
    await waitFor(() => rig.registry.size() === 0)
  })
})

describe('exit registry', () => {
  it('needs a connected socket and matches the target port when given', async () => {
    const registry = createExitRegistry()
    const { Socket } = await import('node:net')
    expect(() => registry.register(new Socket(), 'conn-a')).toThrow(/after it has connected/)
    expect(registry.lookup(undefined)).toBeUndefined()
    expect(registry.lookup(12345)).toBeUndefined()
  })
})
