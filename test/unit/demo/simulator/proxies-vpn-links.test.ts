import { createHash } from 'node:crypto'
import { request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IproxyNotFoundError } from '../../../../src/main/iproxy'
import { EXPIRES_AT_NEVER } from '../../../../src/shared/iproxy'
import { demoConnectionId, openSession, raw, type Session } from './harness'

let s: Session

beforeEach(async () => {
  s = await openSession()
})
afterEach(async () => {
  await s.close()
})

describe('proxy accesses', () => {
  it('demo connections carry 2–4 accesses each, of both services and auth types, one with an allow-list', async () => {
    const all = await s.client.proxies.list()
    const perConnection = new Map<string, number>()
    for (const p of all) perConnection.set(p.connection_id, (perConnection.get(p.connection_id) ?? 0) + 1)
    expect(perConnection.size).toBe(12)
    expect(Math.min(...perConnection.values())).toBeGreaterThanOrEqual(2)
    expect(Math.max(...perConnection.values())).toBeLessThanOrEqual(4)
    expect(new Set(all.map((p) => `${p.listen_service}/${p.auth_type}`)).size).toBeGreaterThanOrEqual(3)
    expect(all.some((p) => (p.acl_inbound_ips?.length ?? 0) > 0)).toBe(true)
    expect(all.every((p) => p.ip === '127.0.0.1' && s.sim.listeners.get(p.id)?.port === p.port)).toBe(true)
  })

  it('a created access appears in both lists with a real listener; update keeps the port; delete closes it', async () => {
    const connId = demoConnectionId(s.sim)
    const created = await s.client.proxies.create(connId, { listen_service: 'socks5', auth_type: 'userpass', description: 'new proxy description' })
    expect(created).toMatchObject({ connection_id: connId, listen_service: 'socks5', auth_type: 'userpass', ip: '127.0.0.1', description: 'new proxy description' })
    expect(created.auth?.login).toMatch(/^demo_/)
    expect(created.auth?.password.length).toBeGreaterThanOrEqual(8)
    expect(s.sim.listeners.get(created.id)?.port).toBe(created.port)
    expect((await s.client.proxies.list()).map((p) => p.id)).toContain(created.id)
    expect((await s.client.proxies.listByConnection(connId)).map((p) => p.id)).toContain(created.id)

    const updated = await s.client.proxies.update(connId, created.id, {
      listen_service: 'http', auth: { login: 'new_login', password: 'new_pass' }, expires_at: '2030-01-01T01:01:01Z',
    })
    expect(updated).toMatchObject({ listen_service: 'http', auth: { login: 'new_login', password: 'new_pass' }, port: created.port, expires_at: '2030-01-01T01:01:01Z' })
    expect(Date.parse(updated.password_updated_at ?? '')).toBeGreaterThanOrEqual(Date.parse(created.password_updated_at ?? ''))
    const cleared = await s.client.proxies.update(connId, created.id, { expires_at: EXPIRES_AT_NEVER })
    expect(cleared.expires_at).toBeUndefined()
    expect(s.sim.listeners.get(created.id)?.access()).toMatchObject({ listenService: 'http', login: 'new_login' })

    expect(await s.client.proxies.delete(connId, created.id)).toEqual({ id: created.id })
    expect(s.sim.listeners.get(created.id)).toBeUndefined()
    expect((await s.client.proxies.list()).map((p) => p.id)).not.toContain(created.id)
    await expect(s.client.proxies.delete(connId, created.id)).rejects.toBeInstanceOf(IproxyNotFoundError)
  })

  it('a noauth access keeps its allow-list, reported as deny_except', async () => {
    const connId = demoConnectionId(s.sim)
    const created = await s.client.proxies.create(connId, {
      listen_service: 'http', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['127.0.0.1'],
    })
    expect(created.auth).toBeUndefined()
    expect(created).toMatchObject({ acl_inbound_policy: 'deny_except', acl_inbound_ips: ['127.0.0.1'] })
  })
})

describe('OpenVPN accesses', () => {
  it('create, list, update, config with its true SHA-1, delete', async () => {
    const connId = demoConnectionId(s.sim, 'online', 2)
    const vpn = await s.client.vpn.create(connId, { name: 'new VPN name', description: 'new VPN description' })
    expect(vpn).toMatchObject({ status: 'active', name: 'new VPN name', description: 'new VPN description', dns: expect.any(Array), connection_id: connId })
    expect(Date.parse(vpn.expires_at ?? '')).toBeGreaterThan(Date.now() + 10 * 365 * 86_400_000)
    expect((await s.client.vpn.list()).map((v) => v.id)).toContain(vpn.id)
    expect((await s.client.vpn.listByConnection(connId)).map((v) => v.id)).toContain(vpn.id)

    const updated = await s.client.vpn.update(connId, vpn.id, { name: 'VPN name', expires_at: '2031-01-01T01:01:01Z' })
    expect(updated).toMatchObject({ name: 'VPN name', expires_at: '2031-01-01T01:01:01Z', status: 'active' })

    const config = await s.client.vpn.getConfig(connId, vpn.id)
    expect(createHash('sha1').update(Buffer.from(config.config_base64, 'base64')).digest('hex')).toBe(config.config_sha1)
    for (const line of ['client', 'dev tun', 'proto udp']) expect(config.config.split('\n')).toContain(line)
    expect(config.config).toMatch(/^remote \S+ \d+$/m)
    for (const block of ['ca', 'cert', 'key']) expect(config.config).toMatch(new RegExp(`<${block}>\\n-----BEGIN [A-Z ]+-----\\n[A-Za-z0-9+/=\\n]+-----END [A-Z ]+-----\\n</${block}>`))
    expect((await s.client.vpn.getConfig(connId, vpn.id)).config_sha1).toBe(config.config_sha1)

    expect(await s.client.vpn.delete(connId, vpn.id)).toEqual({ id: vpn.id })
    await expect(s.client.vpn.getConfig(connId, vpn.id)).rejects.toBeInstanceOf(IproxyNotFoundError)
  })
})

describe('action links', () => {
  it('links point at the simulator and work without the key; deleted links stop working', async () => {
    const connId = demoConnectionId(s.sim, 'online', 3)
    const { id } = await s.client.actionLinks.create(connId, { action: 'changeip', comment: 'link for client AAAA' })
    const link = (await s.client.actionLinks.listByConnection(connId)).find((l) => l.id === id)
    expect(link).toMatchObject({ action: 'changeip', connection_id: connId, comment: 'link for client AAAA', link: `${s.sim.origin}/actionlinks/do/changeip/${id}` })
    expect((await s.client.actionLinks.list()).map((l) => l.id)).toContain(id)

    const before = s.sim.state.connections.get(connId)?.ip?.ipv4
    const noKey = await request(link?.link ?? '')
    expect(noKey.statusCode).toBe(200)
    expect(await noKey.body.json()).toEqual({ message: 'changeip command has been sent' })
    expect(s.sim.state.connections.get(connId)?.ip?.ipv4).not.toBe(before)
    expect(await s.client.actionLinks.execute(link ?? '')).toEqual({ message: 'changeip command has been sent' })

    expect(await s.client.actionLinks.delete(connId, id)).toEqual({ id })
    const gone = await request(link?.link ?? '')
    expect(gone.statusCode).toBe(404)
    await gone.body.dump()
  })

  it('?action= filters both lists to that action, and an unknown action is a 400 naming the field', async () => {
    const connId = demoConnectionId(s.sim, 'online', 3)
    const { id: rebootId } = await s.client.actionLinks.create(connId, { action: 'reboot' })
    const { id: changeId } = await s.client.actionLinks.create(connId, { action: 'changeip' })
    const all = await s.client.actionLinks.list()
    expect(new Set(all.map((l) => l.action))).toEqual(new Set(['reboot', 'changeip']))

    const changeOnly = await s.client.actionLinks.list({ action: 'changeip' })
    expect(changeOnly.length).toBeGreaterThan(0)
    expect(changeOnly.length).toBeLessThan(all.length)
    expect(changeOnly.every((l) => l.action === 'changeip')).toBe(true)
    expect(changeOnly.map((l) => l.id)).toContain(changeId)

    const ofConnection = await s.client.actionLinks.listByConnection(connId, { action: 'reboot' })
    expect(ofConnection.map((l) => l.id)).toContain(rebootId)
    expect(ofConnection.map((l) => l.id)).not.toContain(changeId)

    const bad = await raw(s.sim, 'GET', '/actionlinks?action=wipe')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.json)).toContain('action must be one of reboot, changeip')
  })

  it('a reboot link reboots the phone', async () => {
    const connId = demoConnectionId(s.sim, 'online', 3)
    const { id } = await s.client.actionLinks.create(connId, { action: 'reboot' })
    await s.client.actionLinks.execute(`${s.sim.origin}/actionlinks/do/reboot/${id}`)
    expect(s.sim.state.connections.get(connId)?.status).toBe('offline')
  })
})
