/**
 * What the HTTP proxy's absolute-URI forwarding hands the client, for upstream answers of every shape: the same
 * status, reason phrase, end-to-end headers (as the upstream wrote them; hop-by-hop ones and the ones Connection
 * names dropped) and body, over a keep-alive client connection; upstream, the client's end-to-end headers as it
 * wrote them; and a request with a body, whole both ways.
 */
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScriptedHttpServer, type ScriptedHttpServer } from '../../support/scripted-http-server'
import { access, expectTcpHandlesBackTo, startRig, tcpHandleCount, type Rig } from './net-harness'

const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`

/** Raw upstream answers by path; each is written in pieces, then the upstream closes. */
const ANSWERS: Record<string, string[]> = {
  '/headers': [
    'HTTP/1.1 201 Fine By Me\r\n' +
      'Content-Type: text/plain\r\nContent-Type: text/html\r\n' +
      'X-Multi: a\r\nx-multi: b\r\n' +
      'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n' +
      'Connection: keep-alive, X-Hop\r\nX-Hop: secret\r\nKeep-Alive: timeout=9\r\nProxy-Authenticate: Basic\r\n' +
      'Content-Length: 5\r\n\r\n',
    'hello',
  ],
  '/chunked': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', '3\r\nabc\r\n', '4\r\ndefg\r\n0\r\n\r\n'],
  '/close': ['HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n', 'until the ', 'end'],
  '/interim': ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'],
  '/empty': ['HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n'],
}

let rig: Rig
let upstream: ScriptedHttpServer
let upstreamPort: number
let proxyPort: number
let baseline: number

beforeAll(async () => {
  baseline = tcpHandleCount()
  rig = await startRig()
  proxyPort = (await rig.pool.open(access({ listenService: 'http' }))).port
  upstream = await startScriptedHttpServer((head) => ANSWERS[head.split(' ')[1] ?? ''] ?? ['HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'])
  upstreamPort = upstream.port
})

afterAll(async () => {
  await upstream.close()
  await rig.close()
  await expectTcpHandlesBackTo(baseline)
})

function viaProxy(agent: Agent, path: string, method = 'GET'): Promise<{ status: number; message: string; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: proxyPort, method, path: `http://127.0.0.1:${upstreamPort}${path}`, headers: { 'proxy-authorization': basic, 'x-client': 'yes', connection: 'keep-alive' }, agent },
      (res) => {
        let body = ''
        res.setEncoding('latin1')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, message: res.statusMessage ?? '', headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('HTTP proxy forwarding', () => {
  it('passes status, reason, end-to-end headers and body; drops hop-by-hop headers; keeps the client connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const r = await viaProxy(agent, '/headers')
      expect(r.status).toBe(201)
      expect(r.message).toBe('Fine By Me')
      expect(r.body).toBe('hello')
      expect(r.headers['content-type']).toBe('text/plain')
      expect(r.headers['x-multi']).toBe('a, b')
      expect(r.headers['set-cookie']).toEqual(['a=1', 'b=2'])
      expect(r.headers['x-hop']).toBeUndefined()
      expect(r.headers['proxy-authenticate']).toBeUndefined()
      // The proxy's own keep-alive, not the upstream's.
      expect(r.headers.connection).toBe('keep-alive')
      expect(r.headers['keep-alive']).not.toBe('timeout=9')

      // The same client connection carries the next requests: chunked and close-delimited bodies come whole.
      expect((await viaProxy(agent, '/chunked')).body).toBe('abcdefg')
      expect((await viaProxy(agent, '/close')).body).toBe('until the end')
      expect(await viaProxy(agent, '/interim')).toMatchObject({ status: 200, body: 'ok' })
      expect(await viaProxy(agent, '/empty')).toMatchObject({ status: 204, body: '' })
      const head = await viaProxy(agent, '/headers', 'HEAD')
      expect(head).toMatchObject({ status: 201, body: '' })
      expect(head.headers['content-length']).toBe('5')
    } finally {
      agent.destroy()
    }
  })

  it('sends upstream the origin-form path and the end-to-end headers as the client wrote them, then Connection: close', async () => {
    // Both ways through the proxy: a bodiless GET (forward-get.ts) and a POST (node:http's ClientRequest).
    const heads: string[] = []
    for (const [method, body] of [['GET', ''], ['POST', 'hi']] as const) {
      upstream.heads.length = 0
      const lines = [
        `${method} http://127.0.0.1:${upstreamPort}/headers?q=1 HTTP/1.1`,
        `Host: 127.0.0.1:${upstreamPort}`,
        'X-Dup: 1',
        'x-dup: 2',
        `Proxy-Authorization: ${basic}`,
        'Connection: close, X-Hop',
        'X-Hop: secret',
        ...(body ? [`Content-Length: ${body.length}`] : []),
        'Accept: */*',
      ]
      const socket = connect(proxyPort, '127.0.0.1')
      socket.on('data', () => {})
      await new Promise<void>((resolve, reject) => {
        socket.on('close', () => resolve())
        socket.on('error', reject)
        socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
      })
      heads.push((upstream.heads[0] ?? '').split('\r\n\r\n')[0] as string)
    }
    // Names in the client's case, duplicates as they came, hop-by-hop ones and the one Connection names dropped.
    const sent = `Host: 127.0.0.1:${upstreamPort}\r\nX-Dup: 1\r\nx-dup: 2`
    expect(heads).toEqual([
      `GET /headers?q=1 HTTP/1.1\r\n${sent}\r\nAccept: */*\r\nConnection: close`,
      `POST /headers?q=1 HTTP/1.1\r\n${sent}\r\nContent-Length: 2\r\nAccept: */*\r\nConnection: close`,
    ])
  })

  it('forwards a request with a body whole both ways: 3 MiB up, 8 MiB down', async () => {
    const down = Buffer.alloc(8 * 1024 * 1024, 0x61)
    const upstreamWithBody = createServer((req, res) => {
      let received = 0
      req.on('data', (c: Buffer) => (received += c.length))
      req.on('end', () => {
        res.writeHead(200, { 'x-received': String(received) })
        res.end(down)
      })
    })
    await new Promise<void>((r) => upstreamWithBody.listen(0, '127.0.0.1', () => r()))
    const port = (upstreamWithBody.address() as AddressInfo).port
    try {
      const answer = await new Promise<{ received: string; bytes: number }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: proxyPort, method: 'POST', path: `http://127.0.0.1:${port}/upload`, headers: { 'proxy-authorization': basic }, agent: false },
          (res) => {
            let bytes = 0
            res.on('data', (c: Buffer) => (bytes += c.length))
            res.on('end', () => resolve({ received: String(res.headers['x-received']), bytes }))
            res.on('error', reject)
          },
        )
        req.on('error', reject)
        req.end(Buffer.alloc(3 * 1024 * 1024, 0x62))
      })
      expect(answer).toEqual({ received: String(3 * 1024 * 1024), bytes: down.length })
    } finally {
      upstreamWithBody.closeAllConnections()
      await new Promise<void>((r) => upstreamWithBody.close(() => r()))
    }
  })
})
