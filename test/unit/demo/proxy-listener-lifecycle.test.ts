import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'
import { SocksClient } from 'socks'
import { ProxyAgent, request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createProxyListenerPool, InvalidAccessError } from '../../../src/main/demo/proxy-listeners'
import { access, curl, EXITS, expectTcpHandlesBackTo, startRig, tcpHandleCount, waitFor, type Rig } from './net-harness'

let rig: Rig
let baseline: number
const cleanups: Array<() => unknown> = []

beforeEach(async () => {
  baseline = tcpHandleCount()
  rig = await startRig()
})

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  await rig.close()
  await expectTcpHandlesBackTo(baseline)
})

const socksUrl = (port: number, creds = 'alice:s3cret') => `socks5h://${creds}@127.0.0.1:${port}`

async function echoVia(proxy: string, extra: string[] = []) {
  const result = await curl([...extra, '--proxy', proxy, rig.echo.url])
  return result.exitCode === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>) : undefined
}

async function socksTunnel(port: number): Promise<Socket> {
  const { socket } = await SocksClient.createConnection({
    proxy: { host: '127.0.0.1', port, type: 5, userId: 'alice', password: 's3cret' },
    command: 'connect',
    destination: { host: '127.0.0.1', port: rig.echo.port },
    timeout: 5_000,
  })
  socket.on('error', () => {})
  cleanups.push(() => socket.destroy())
  return socket
}

const closed = (socket: Socket) => new Promise<void>((r) => (socket.destroyed ? r() : socket.once('close', () => r())))

function absoluteGet(agent: HttpAgent, proxyPort: number) {
  return new Promise<{ status: number; body: string; localPort: number | undefined }>((resolve, reject) => {
    const headers = { 'proxy-authorization': `Basic ${Buffer.from('alice:s3cret').toString('base64')}` }
    const req = httpRequest({ host: '127.0.0.1', port: proxyPort, path: rig.echo.url, headers, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, localPort: req.socket?.localPort }))
    })
    req.on('error', reject)
    req.end()
  })
}

function tcpConnectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port })
    s.once('connect', () => {
      s.destroy()
      resolve(undefined)
    })
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code))
  })
}

describe('proxy listener lifecycle and rules', () => {
  it('enforces the inbound ACL: refuses when 127.0.0.1 is not listed, serves when it is', async () => {
    const socks = await rig.pool.open(access({ aclInboundIps: ['10.1.2.3'] }))
    const http = await rig.pool.open(access({ id: 'pa-2', listenService: 'http', aclInboundIps: ['10.1.2.3'] }))
    expect(await echoVia(socksUrl(socks.port))).toBeUndefined()
    const denied = await curl(['-x', `http://alice:s3cret@127.0.0.1:${http.port}`, '-w', '%{http_code}', '-o', '/dev/null', rig.echo.url])
    expect(denied.stdout).toBe('403')

    rig.pool.update(access({ aclInboundIps: ['10.1.2.3', '127.0.0.1'] }))
    rig.pool.update(access({ id: 'pa-2', listenService: 'http', aclInboundIps: ['127.0.0.0/8'] }))
    expect(await echoVia(socksUrl(socks.port))).toMatchObject({ ip: EXITS['conn-a']?.ip })
    expect(await echoVia(`http://alice:s3cret@127.0.0.1:${http.port}`)).toMatchObject({ ip: EXITS['conn-a']?.ip })
  })

  it('refuses an expired access and serves one whose expiry is in the future or disabled', async () => {
    const { port } = await rig.pool.open(access({ expiresAt: '2020-01-01T00:00:00Z' }))
    expect(await echoVia(socksUrl(port))).toBeUndefined()
    rig.pool.update(access({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() }))
    expect(await echoVia(socksUrl(port))).toMatchObject({ connection_id: 'conn-a' })
    rig.pool.update(access({ expiresAt: '0001-01-01T00:00:00Z' }))
    expect(await echoVia(socksUrl(port))).toMatchObject({ connection_id: 'conn-a' })

    const http = await rig.pool.open(access({ id: 'pa-2', listenService: 'http', expiresAt: '2020-01-01T00:00:00Z' }))
    const res = await curl(['-x', `http://alice:s3cret@127.0.0.1:${http.port}`, '-w', '%{http_code}', '-o', '/dev/null', rig.echo.url])
    expect(res.stdout).toBe('403')
  })

  it('applies new credentials live on the same port, dropping keep-alive sockets authorised by the old ones', async () => {
    const { port } = await rig.pool.open(access({ listenService: 'http' }))
    const token = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`
    const agent = new ProxyAgent({ uri: `http://127.0.0.1:${port}`, token, proxyTunnel: false })
    cleanups.push(() => agent.close())
    const first = await request(rig.echo.url, { dispatcher: agent })
    await first.body.dump()
    expect(first.statusCode).toBe(200)
    expect(rig.pool.get('pa-1')?.openClientCount()).toBe(1)

    rig.pool.update(access({ listenService: 'http', password: 'n3w' }))
    expect(rig.pool.get('pa-1')?.port).toBe(port)
    await waitFor(() => rig.pool.get('pa-1')?.openClientCount() === 0)
    // undici turns a 407 from the proxy into an error.
    await expect(request(rig.echo.url, { dispatcher: agent })).rejects.toThrow(/407/)
    expect(await echoVia(`http://alice:n3w@127.0.0.1:${port}`)).toMatchObject({ connection_id: 'conn-a' })
  })

  it('checks expiry on every request of a keep-alive HTTP proxy socket', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z')
    const pool = createProxyListenerPool({ registry: rig.registry, now: () => now })
    cleanups.push(() => pool.closeAll())
    const { port } = await pool.open(access({ listenService: 'http', expiresAt: '2030-01-01T01:00:00Z' }))
    // One keep-alive socket to the proxy, so the second request provably rides the first one's connection.
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    const before = await absoluteGet(agent, port)
    expect(before.status).toBe(200)
    expect(JSON.parse(before.body)).toMatchObject({ connection_id: 'conn-a' })

    now += 2 * 3_600_000
    const after = await absoluteGet(agent, port)
    expect(after.status).toBe(403)
    expect(before.localPort).toBeGreaterThan(0)
    expect(after.localPort).toBe(before.localPort)
  })

  it('drops open SOCKS tunnels when the password changes', async () => {
    const { port } = await rig.pool.open(access())
    const tunnel = await socksTunnel(port)
    rig.pool.update(access({ password: 'rotated' }))
    await closed(tunnel)
    expect(await echoVia(socksUrl(port))).toBeUndefined()
    expect(await echoVia(socksUrl(port, 'alice:rotated'))).toMatchObject({ connection_id: 'conn-a' })
  })

  it('switches from socks5 to http on the same port and drops the old tunnels', async () => {
    const { port } = await rig.pool.open(access())
    const tunnel = await socksTunnel(port)
    const reopened = await rig.pool.open(access({ listenService: 'http', connectionId: 'conn-b' }))
    expect(reopened.port).toBe(port)
    await closed(tunnel)
    expect(await echoVia(socksUrl(port))).toBeUndefined()
    expect(await echoVia(`http://alice:s3cret@127.0.0.1:${port}`)).toMatchObject({ ip: EXITS['conn-b']?.ip })
    expect(rig.pool.count()).toBe(1)
  })

  it('drops open clients that an updated ACL no longer admits', async () => {
    const { port } = await rig.pool.open(access())
    const tunnel = await socksTunnel(port)
    rig.pool.update(access({ aclInboundIps: ['127.0.0.1'] }))
    expect(tunnel.destroyed).toBe(false)
    rig.pool.update(access({ aclInboundIps: ['192.0.2.7'] }))
    await closed(tunnel)
  })

  it('close() stops accepting and drops open tunnels; the exit registry forgets their sockets', async () => {
    const { port } = await rig.pool.open(access())
    const tunnel = await socksTunnel(port)
    expect(rig.pool.get('pa-1')?.openClientCount()).toBe(1)
    expect(rig.registry.size()).toBe(1)
    await rig.pool.close('pa-1')
    await closed(tunnel)
    expect(await tcpConnectError(port)).toBe('ECONNREFUSED')
    await waitFor(() => rig.registry.size() === 0)
    expect(rig.pool.count()).toBe(0)
  })

  it('keeps count, reuses the port for a repeated open, and closes all', async () => {
    const a = await rig.pool.open(access())
    const again = await rig.pool.open(access())
    const b = await rig.pool.open(access({ id: 'pa-2', listenService: 'http' }))
    expect(again.port).toBe(a.port)
    expect(b.port).not.toBe(a.port)
    expect(rig.pool.count()).toBe(2)
    await rig.pool.close('pa-2')
    expect(rig.pool.count()).toBe(1)
    await rig.pool.close('missing')
    await rig.pool.closeAll()
    expect(rig.pool.count()).toBe(0)
    expect(await tcpConnectError(a.port)).toBe('ECONNREFUSED')
  })

  it('rejects invalid descriptions and updates to unknown ids', async () => {
    await expect(rig.pool.open(access({ login: undefined }))).rejects.toBeInstanceOf(InvalidAccessError)
    await expect(rig.pool.open(access({ aclInboundIps: ['not-an-ip'] }))).rejects.toBeInstanceOf(InvalidAccessError)
    await expect(rig.pool.open(access({ expiresAt: 'tomorrow' }))).rejects.toBeInstanceOf(InvalidAccessError)
    expect(() => rig.pool.update(access({ id: 'nope' }))).toThrow(/no proxy listener/)
    await rig.pool.open(access())
    expect(() => rig.pool.update(access({ listenService: 'ftp' as 'http' }))).toThrow(InvalidAccessError)
    expect(rig.pool.get('pa-1')?.access().listenService).toBe('socks5')
    expect(rig.pool.count()).toBe(1)
  })
})
