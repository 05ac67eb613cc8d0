import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../../src/main/demo'
import { curl, expectTcpHandlesBackTo, tcpHandleCount } from '../net-harness'
import { openSession, type Session } from './harness'

let s: Session | undefined
let bare: Simulator | undefined

afterEach(async () => {
  await s?.close()
  await bare?.stop()
  s = undefined
  bare = undefined
})

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('start and stop', () => {
  it('answers at the documented base URL and stop() leaves no socket, listener or timer behind', async () => {
    const sockets = tcpHandleCount()
    const timersBefore = timers()
    const sim = await startSimulator({ apiKey: 'test-key', timing: { rebootOfflineMs: 200 } })
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/console\/v1$/)
    expect(sim.echoUrl).toBe(`${sim.origin}/echo`)
    expect(sim.listeners.count()).toBe(sim.state.proxies.size)
    const me = await request(`${sim.baseUrl}/me`, { headers: { authorization: 'Bearer test-key' } })
    expect(me.statusCode).toBe(200)
    await me.body.dump()
    // A reboot leaves a timer pending (the phone comes back shortly); stop() must cancel it.
    const id = [...sim.state.connections.values()].find((c) => c.status === 'online')?.id
    const push = await request(`${sim.baseUrl}/connection/${id}/command-push`, {
      method: 'POST', headers: { authorization: 'Bearer test-key' }, body: '{"action":"reboot"}',
    })
    await push.body.dump()
    await sim.stop()
    await sim.stop()
    await expectTcpHandlesBackTo(sockets)
    expect(timers()).toBeLessThanOrEqual(timersBefore)
    await new Promise((r) => setTimeout(r, 300))
    expect(sim.state.connections.get(id ?? '')?.status).toBe('offline')
  })

  it('stop() ends a stalled response instead of waiting for it', async () => {
    s = await openSession({ faults: [{ path: '/me', fault: { kind: 'stall' } }] })
    const pending = s.client.me.get({ timeoutMs: 5_000 }).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 100))
    const started = performance.now()
    await s.sim.stop()
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(await pending).toBeInstanceOf(Error)
  })

  it("seed 'empty' is an account with nothing in it, ready to be filled through the API", async () => {
    s = await openSession({ seed: 'empty' })
    expect(await s.client.connections.list()).toEqual([])
    expect(await s.client.proxies.list()).toEqual([])
    const { id } = await s.client.connections.create({ name: 'first', country: 'us', city: 'nyc' })
    const proxy = await s.client.proxies.create(id, { listen_service: 'http', auth_type: 'userpass' })
    expect(s.sim.listeners.get(proxy.id)?.port).toBe(proxy.port)
    // No phone is attached yet, so the proxy has nowhere to exit.
    const result = await curl(['-o', '/dev/null', '-w', '%{http_code}', '--proxy', `http://${proxy.auth?.login}:${proxy.auth?.password}@127.0.0.1:${proxy.port}`, s.sim.echoUrl])
    expect(result.stdout).toBe('503')
  })
})

describe('scale mode', () => {
  it('builds 5,000 connections x 4 accesses without listeners, and binds a chosen subset on request', async () => {
    const session = await openSession({ scale: { connections: 5_000, proxiesPerConnection: 4 } })
    s = session
    expect(session.sim.listeners.count()).toBe(0)
    const list = await request(`${session.sim.baseUrl}/proxy-access`, { headers: { authorization: `Bearer ${session.sim.apiKey}` } })
    expect(((await list.body.json()) as { proxy_accesses: unknown[] }).proxy_accesses).toHaveLength(20_000)
    expect(await session.client.connections.list()).toHaveLength(5_000)

    const chosen = [...session.sim.state.proxies.values()].find((p) => p.authType === 'userpass' && session.sim.state.connections.get(p.connectionId)?.status === 'online')
    if (!chosen) throw new Error('no usable generated access')
    await session.sim.bindListeners([chosen.id])
    expect(session.sim.listeners.count()).toBe(1)
    const listed = (await session.client.proxies.listByConnection(chosen.connectionId)).find((p) => p.id === chosen.id)
    expect(listed?.port).toBe(session.sim.listeners.get(chosen.id)?.port)
    const scheme = chosen.listenService === 'socks5' ? 'socks5h' : 'http'
    const result = await curl(['--proxy', `${scheme}://${chosen.login}:${chosen.password}@127.0.0.1:${listed?.port}`, session.sim.echoUrl])
    expect(JSON.parse(result.stdout).ip).toBe(session.sim.state.connections.get(chosen.connectionId)?.ip?.ipv4)
  })
})
