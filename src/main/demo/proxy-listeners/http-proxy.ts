/**
 * HTTP proxy side: CONNECT tunnels and absolute-URI forwarding (`GET http://host:port/path`), Basic auth.
 *
 * Why not proxy-chain (the well-kept option): it opens upstream sockets inside its own handlers, so we could not
 * register each outbound socket's local port in the exit registry before the first byte flows, nor read the
 * access rules live per request, nor serve SOCKS5 on the same port; node:http parses the requests for us and the
 * rest is short. The returned http.Server never listens: the listener hands it sockets (see listener.ts).
 * A bodiless GET or HEAD (every health check's request) is forwarded by forward-get.ts without a ClientRequest;
 * other requests go through node:http both ways.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { admitSocket, connectHostFor, credentialsMatch, isLoopbackTarget, parseBasicAuth } from './access'
import type { ListenerContext } from './context'
import { forwardGet, isBodilessGet } from './forward-get'
import { forwardableHeaders, upstreamRequestHeaders } from './hop-by-hop'
import { joinSockets, OutboundError, openOutbound } from './outbound'

export const PROXY_AUTHENTICATE = 'Basic realm="iProxy"'

interface Refusal {
  status: number
  message: string
}

export function createHttpProxyEngine(ctx: ListenerContext): Server {
  const server = createServer()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    forward(req, res, ctx).catch(() => res.destroy())
  })
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    tunnel(req, socket as Socket, head, ctx).catch(() => socket.destroy())
  })
  return server
}

/** ACL, expiry and credentials, checked on every request so that `update()` applies to keep-alive sockets too. */
function gate(req: IncomingMessage, ctx: ListenerContext): Refusal | undefined {
  const rules = ctx.rules()
  const admission = admitSocket(rules, req.socket, ctx.now())
  if (admission === 'expired') return { status: 403, message: 'proxy access expired' }
  if (admission === 'acl') return { status: 403, message: 'client address not allowed by the access list' }
  if (rules.description.authType === 'userpass') {
    const creds = parseBasicAuth(req.headers['proxy-authorization'])
    if (!creds || !credentialsMatch(rules, creds.login, creds.password)) {
      return { status: 407, message: 'proxy authentication required' }
    }
  }
  return undefined
}

function parseTarget(authority: string): { host: string; port: number } | undefined {
  try {
    const url = new URL(`http://${authority}`)
    if (url.port === '' || url.pathname !== '/' || url.username !== '') return undefined
    return { host: url.hostname, port: Number(url.port) }
  } catch {
    return undefined
  }
}

function refusalHeaders(refusal: Refusal): Record<string, string> {
  return refusal.status === 407 ? { 'proxy-authenticate': PROXY_AUTHENTICATE } : {}
}

function failureStatus(err: unknown): Refusal {
  if (err instanceof OutboundError && err.failure === 'timeout') return { status: 504, message: err.message }
  return { status: 502, message: err instanceof Error ? err.message : 'upstream connection failed' }
}

async function tunnel(req: IncomingMessage, client: Socket, head: Buffer, ctx: ListenerContext): Promise<void> {
  const refusal = gate(req, ctx) ?? targetRefusal(parseTarget(req.url ?? ''))
  if (refusal) return writeRaw(client, refusal, refusalHeaders(refusal))
  const target = parseTarget(req.url ?? '') as { host: string; port: number }
  let outbound: Socket
  try {
    outbound = await openOutbound({
      host: connectHostFor(target.host),
      port: target.port,
      connectionId: ctx.rules().description.connectionId,
      registry: ctx.registry,
      timeoutMs: ctx.connectTimeoutMs,
      track: (s) => ctx.trackOutbound(s),
    })
  } catch (err) {
    return writeRaw(client, failureStatus(err), {})
  }
  if (client.destroyed) {
    outbound.destroy()
    return
  }
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
  if (head.length > 0) outbound.write(head)
  joinSockets(client, outbound)
}

function targetRefusal(target: { host: string; port: number } | undefined): Refusal | undefined {
  if (!target) return { status: 400, message: 'CONNECT needs host:port' }
  if (!isLoopbackTarget(target.host) || target.port === 0) {
    return { status: 403, message: 'the simulator proxies reach loopback targets only' }
  }
  return undefined
}

/** A complete response on a socket that node:http no longer owns (after CONNECT), then close. */
function writeRaw(socket: Socket, refusal: Refusal, headers: Record<string, string>): void {
  const body = JSON.stringify({ error: { code: `proxy_${refusal.status}`, message: refusal.message } })
  const lines = [
    `HTTP/1.1 ${refusal.status} ${reasonPhrase(refusal.status)}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`)
}

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    407: 'Proxy Authentication Required',
    502: 'Bad Gateway',
    504: 'Gateway Timeout',
  }
  return phrases[status] ?? 'Error'
}

function answer(res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ error: { code: `proxy_${refusal.status}`, message: refusal.message } })
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...refusalHeaders(refusal),
  })
  res.end(body)
}

async function forward(req: IncomingMessage, res: ServerResponse, ctx: ListenerContext): Promise<void> {
  const refusal = gate(req, ctx)
  if (refusal) return answer(res, refusal)
  let url: URL
  try {
    url = new URL(req.url ?? '')
  } catch {
    return answer(res, { status: 400, message: 'a proxy request needs an absolute http:// URI' })
  }
  if (url.protocol !== 'http:') return answer(res, { status: 400, message: 'only http:// is forwarded; use CONNECT' })
  const port = url.port === '' ? 80 : Number(url.port)
  const blocked = targetRefusal({ host: url.hostname, port })
  if (blocked) return answer(res, blocked)

  let outbound: Socket
  try {
    outbound = await openOutbound({
      host: connectHostFor(url.hostname),
      port,
      connectionId: ctx.rules().description.connectionId,
      registry: ctx.registry,
      timeoutMs: ctx.connectTimeoutMs,
      track: (s) => ctx.trackOutbound(s),
    })
  } catch (err) {
    return answer(res, failureStatus(err))
  }
  if (res.destroyed) {
    outbound.destroy()
    return
  }
  if (isBodilessGet(req)) return forwardGet(req, res, outbound, `${url.pathname}${url.search}`, (err) => answer(res, failureStatus(err)))
  // One outbound socket per forwarded request (`Connection: close` is among the headers): its port identifies the exit.
  const upstream = httpRequest({
    method: req.method,
    path: `${url.pathname}${url.search}`,
    headers: upstreamRequestHeaders(req),
    createConnection: () => outbound,
  })
  upstream.on('response', (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, forwardableHeaders(upstreamRes.rawHeaders))
    upstreamRes.pipe(res)
    upstreamRes.on('error', () => res.destroy())
  })
  upstream.on('error', (err) => {
    if (!res.headersSent) answer(res, failureStatus(err))
    else res.destroy()
  })
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy()
    outbound.destroy()
  })
  req.pipe(upstream)
}
