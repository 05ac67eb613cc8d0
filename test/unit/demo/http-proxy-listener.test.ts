import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { ProxyAgent, request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { access, curl, EXITS, expectTcpHandlesBackTo, startRig, tcpHandleCount, type Rig } from './net-harness'

let rig: Rig
let baseline: number
const agents: ProxyAgent[] = []

beforeEach(async () => {
  baseline = tcpHandleCount()
  rig = await startRig()
})

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()))
  await rig.close()
  await expectTcpHandlesBackTo(baseline)
})

const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`
const httpAccess = (overrides = {}) => access({ listenService: 'http', ...overrides })

/** An absolute-URI request straight to the proxy, so status and headers can be read as sent. */
function viaProxy(
  proxyPort: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: proxyPort, path: target, headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** A CONNECT straight to the proxy; resolves with the proxy's answer and closes the tunnel. */
function connectVia(proxyPort: number, authority: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: authority, headers, agent: false })
    req.on('connect', (res, socket: Socket) => {
      socket.destroy()
      resolve({ status: res.statusCode ?? 0, headers: res.headers })
    })
    req.on('response', (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, headers: res.headers })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('HTTP proxy listener', () => {
  it('forwards curl absolute-URI requests with Basic auth; the echo endpoint sees the exit', async () => {
    const { port } = await rig.pool.open(httpAccess())
    const result = await curl(['-x', `http://alice:s3cret@127.0.0.1:${port}`, rig.echo.url])
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual({ ...EXITS['conn-a'], connection_id: 'conn-a' })
  })

  it('tunnels curl -p (CONNECT)', async () => {
    const { port } = await rig.pool.open(httpAccess({ connectionId: 'conn-b' }))
    const result = await curl(['-p', '-x', `http://alice:s3cret@127.0.0.1:${port}`, `http://localhost:${rig.echo.port}/echo`])
    expect(JSON.parse(result.stdout)).toMatchObject({ ip: EXITS['conn-b']?.ip, connection_id: 'conn-b' })
  })

  it("works with undici's ProxyAgent, tunnelling and forwarding, over keep-alive", async () => {
    const { port } = await rig.pool.open(httpAccess())
    for (const proxyTunnel of [true, false]) {
      const agent = new ProxyAgent({ uri: `http://127.0.0.1:${port}`, token: basic('alice', 's3cret'), proxyTunnel })
      agents.push(agent)
      for (let i = 0; i < 3; i++) {
        const res = await request(rig.echo.url, { dispatcher: agent })
        expect(res.statusCode).toBe(200)
        expect(await res.body.json()).toMatchObject({ ip: EXITS['conn-a']?.ip, connection_id: 'conn-a' })
      }
    }
  })

  it('answers 407 with Proxy-Authenticate for wrong or missing credentials, forwarding and CONNECT', async () => {
    const { port } = await rig.pool.open(httpAccess())
    const attempts: Array<Record<string, string>> = [
      {},
      { 'proxy-authorization': basic('alice', 'nope') },
      { 'proxy-authorization': basic('mallory', 's3cret') },
      { 'proxy-authorization': 'Bearer x' },
    ]
    for (const headers of attempts) {
      const forwarded = await viaProxy(port, rig.echo.url, headers)
      expect(forwarded.status).toBe(407)
      expect(forwarded.headers['proxy-authenticate']).toBe('Basic realm="iProxy"')
      const tunnelled = await connectVia(port, `127.0.0.1:${rig.echo.port}`, headers)
      expect(tunnelled.status).toBe(407)
      expect(tunnelled.headers['proxy-authenticate']).toBe('Basic realm="iProxy"')
    }
    const viaCurl = await curl(['-p', '-x', `http://alice:nope@127.0.0.1:${port}`, rig.echo.url])
    expect(viaCurl.exitCode).not.toBe(0)
    expect(viaCurl.stderr).toContain('407')
    expect(rig.registry.size()).toBe(0)
  })

  it('serves a noauth access without credentials', async () => {
    const { port } = await rig.pool.open(httpAccess({ authType: 'noauth', login: undefined, password: undefined }))
    const result = await curl(['-x', `http://127.0.0.1:${port}`, rig.echo.url])
    expect(JSON.parse(result.stdout)).toMatchObject({ ip: EXITS['conn-a']?.ip })
  })

  it('refuses non-loopback targets with 403, both ways, without connecting out', async () => {
    const { port } = await rig.pool.open(httpAccess())
    const auth = { 'proxy-authorization': basic('alice', 's3cret') }
    expect((await viaProxy(port, 'http://192.0.2.1/', auth)).status).toBe(403)
    expect((await viaProxy(port, 'http://example.com/', auth)).status).toBe(403)
    expect((await connectVia(port, 'example.com:443', auth)).status).toBe(403)
    expect((await connectVia(port, '[2001:db8::1]:443', auth)).status).toBe(403)
    expect(rig.registry.size()).toBe(0)
  })

  it('answers 502 when the loopback target refuses, and 400 for origin-form requests', async () => {
    const { port } = await rig.pool.open(httpAccess())
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const closedPort = (probe.address() as AddressInfo).port
    await new Promise<void>((r) => probe.close(() => r()))
    const auth = { 'proxy-authorization': basic('alice', 's3cret') }
    expect((await viaProxy(port, `http://127.0.0.1:${closedPort}/`, auth)).status).toBe(502)
    expect((await connectVia(port, `127.0.0.1:${closedPort}`, auth)).status).toBe(502)
    expect((await viaProxy(port, '/echo', auth)).status).toBe(400)
  })

  it('refuses a SOCKS5 greeting on an http access', async () => {
    const { port } = await rig.pool.open(httpAccess())
    const result = await curl(['--proxy', `socks5h://alice:s3cret@127.0.0.1:${port}`, rig.echo.url])
    expect(result.exitCode).not.toBe(0)
  })
})
