/**
 * Every proxy access is a real proxy on loopback: curl and undici through it reach the simulator's echo endpoint,
 * which reports the connection's simulated mobile IP. Credentials, allow-lists, expiry and deletion are enforced.
 */
import { SocksClient } from 'socks'
import { ProxyAgent, request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProxyAccess } from '../../../../src/shared/iproxy'
import { curl, getOverSocket } from '../net-harness'
import { demoConnectionId, openSession, type Session } from './harness'

let s: Session
let connId: string

beforeEach(async () => {
  s = await openSession()
  connId = demoConnectionId(s.sim)
})
afterEach(async () => {
  await s.close()
})

function proxyUrl(p: ProxyAccess, scheme = p.listen_service === 'socks5' ? 'socks5h' : 'http', password = p.auth?.password): string {
  const auth = p.auth ? `${encodeURIComponent(p.auth.login)}:${encodeURIComponent(password ?? '')}@` : ''
  return `${scheme}://${auth}${p.ip}:${p.port}`
}

const currentIp = () => s.sim.state.connections.get(connId)?.ip?.ipv4

describe('through a created access', () => {
  it('SOCKS5 with curl reaches the echo endpoint and sees the connection\'s IP', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'socks5', auth_type: 'userpass' })
    const result = await curl(['--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toMatchObject({ ip: currentIp(), country: 'RU', carrier: expect.any(String), asn: expect.stringMatching(/^AS\d+$/), connection_id: connId })
  })

  it('SOCKS5 with the socks client', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'socks5', auth_type: 'userpass', auth: { login: 'alice', password: 's3cret' } })
    const echoPort = Number(new URL(s.sim.echoUrl).port)
    const { socket } = await SocksClient.createConnection({
      proxy: { host: p.ip, port: p.port, type: 5, userId: 'alice', password: 's3cret' },
      command: 'connect',
      destination: { host: '127.0.0.1', port: echoPort },
    })
    const answer = await getOverSocket(socket)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body).ip).toBe(currentIp())
  })

  it('HTTP with curl (absolute URI) and with undici\'s ProxyAgent (CONNECT)', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'http', auth_type: 'userpass' })
    const viaCurl = await curl(['--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(JSON.parse(viaCurl.stdout).ip).toBe(currentIp())
    const agent = new ProxyAgent(proxyUrl(p))
    try {
      const res = await request(s.sim.echoUrl, { dispatcher: agent })
      expect(((await res.body.json()) as { ip: string }).ip).toBe(currentIp())
    } finally {
      await agent.close()
    }
  })

  it('reached directly, the echo endpoint answers with the caller\'s address', async () => {
    const res = await request(s.sim.echoUrl)
    expect(await res.body.json()).toMatchObject({ ip: '127.0.0.1', connection_id: null })
  })
})

describe('what a proxy refuses', () => {
  it('a wrong password', async () => {
    const socks = await s.client.proxies.create(connId, { listen_service: 'socks5', auth_type: 'userpass' })
    const http = await s.client.proxies.create(connId, { listen_service: 'http', auth_type: 'userpass' })
    const viaSocks = await curl(['--proxy', proxyUrl(socks, 'socks5h', 'wrong'), s.sim.echoUrl])
    expect(viaSocks.exitCode).not.toBe(0)
    const viaHttp = await curl(['-o', '/dev/null', '-w', '%{http_code}', '--proxy', proxyUrl(http, 'http', 'wrong'), s.sim.echoUrl])
    expect(viaHttp.stdout).toBe('407')
  })

  it('a client outside the allow-list, until the list is updated to include it', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'http', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['94.25.170.12'] })
    const refused = await curl(['-o', '/dev/null', '-w', '%{http_code}', '--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(refused.stdout).toBe('403')
    await s.client.proxies.update(connId, p.id, { acl_inbound_ips: ['94.25.170.12', '127.0.0.1'] })
    const allowed = await curl(['--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(JSON.parse(allowed.stdout).ip).toBe(currentIp())
  })

  it('an expired access', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'http', auth_type: 'userpass', expires_at: '2020-01-01T00:00:00Z' })
    const result = await curl(['-o', '/dev/null', '-w', '%{http_code}', '--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(result.stdout).toBe('403')
  })

  it('a deleted access stops accepting connections', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'socks5', auth_type: 'userpass' })
    expect((await curl(['--proxy', proxyUrl(p), s.sim.echoUrl])).exitCode).toBe(0)
    await s.client.proxies.delete(connId, p.id)
    const after = await curl(['--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(after.exitCode).toBe(7) // curl: failed to connect
  })
})

describe('the exit follows the connection', () => {
  it('changeip changes what the echo endpoint reports through that connection\'s proxies', async () => {
    const demoProxy = (await s.client.proxies.listByConnection(connId)).find((p) => p.auth_type === 'userpass')
    if (!demoProxy) throw new Error('demo connection without a userpass proxy')
    const before = JSON.parse((await curl(['--proxy', proxyUrl(demoProxy), s.sim.echoUrl])).stdout).ip
    await s.client.connections.pushCommand(connId, { action: 'changeip' })
    const after = JSON.parse((await curl(['--proxy', proxyUrl(demoProxy), s.sim.echoUrl])).stdout).ip
    expect(after).not.toBe(before)
    expect(after).toBe(currentIp())
  })

  it('while the phone reboots the proxy has no exit (503); afterwards it exits from a new IP', async () => {
    const p = await s.client.proxies.create(connId, { listen_service: 'http', auth_type: 'userpass' })
    const before = currentIp()
    await s.client.connections.pushCommand(connId, { action: 'reboot' })
    const during = await curl(['-o', '/dev/null', '-w', '%{http_code}', '--proxy', proxyUrl(p), s.sim.echoUrl])
    expect(during.stdout).toBe('503')
    await new Promise((r) => setTimeout(r, 300))
    const after = JSON.parse((await curl(['--proxy', proxyUrl(p), s.sim.echoUrl])).stdout).ip
    expect(after).not.toBe(before)
  })
})
