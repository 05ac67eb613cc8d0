/**
 * `GET /echo`: "what does the internet see when I come through this proxy?"
 *
 * Through a simulator proxy it answers the connection's current simulated mobile exit (IP and geo); reached
 * directly it answers the caller's own address. The decision is made per request from the socket's remote
 * port (see exit-registry.ts), so it stays right on keep-alive sockets and inside CONNECT/SOCKS tunnels.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ExitRegistry } from './exit-registry'

export interface ExitInfo {
  ip: string
  country: string | null
  city: string | null
  asn: string | number | null
  carrier: string | null
}

export interface EchoDeps {
  registry: ExitRegistry
  /** The connection's current simulated exit, or undefined when the connection is gone or has no exit. */
  lookupExit: (connectionId: string) => ExitInfo | undefined
  /** The port the server answering `/echo` listens on: every request's local port, known without asking the socket. */
  localPort?: number
}

export interface EchoAnswer extends ExitInfo {
  /** The simulated connection the request came through; null when it came directly. */
  connection_id: string | null
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is reported as `127.0.0.1`. */
export function normalizeIp(address: string | undefined): string | null {
  if (!address) return null
  return address.toLowerCase().startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

/** Handles `GET /echo` (and HEAD); the caller routes the path. Mountable on any node:http server. */
export function handleEcho(req: IncomingMessage, res: ServerResponse, deps: EchoDeps): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD')
    sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'use GET /echo' } })
    return
  }
  const connectionId = deps.registry.lookup(req.socket.remotePort, deps.localPort ?? req.socket.localPort)
  if (connectionId === undefined) {
    const direct: EchoAnswer = {
      ip: normalizeIp(req.socket.remoteAddress) ?? '',
      country: null,
      city: null,
      asn: null,
      carrier: null,
      connection_id: null,
    }
    sendJson(res, 200, direct)
    return
  }
  const exit = deps.lookupExit(connectionId)
  if (!exit) {
    // The tunnel outlived its connection (deleted, or its phone went offline): a real exit would fail too.
    sendJson(res, 503, { error: { code: 'exit_unavailable', message: `connection ${connectionId} has no exit` } })
    return
  }
  const answer: EchoAnswer = {
    ip: exit.ip,
    country: exit.country,
    city: exit.city,
    asn: exit.asn,
    carrier: exit.carrier,
    connection_id: connectionId,
  }
  sendJson(res, 200, answer)
}

export interface EchoServer {
  host: string
  port: number
  /** `http://host:port/echo` */
  url: string
  close(): Promise<void>
}

/** A standalone server answering only `/echo`, for tests; the simulator mounts `handleEcho` on its own server. */
export async function startEchoServer(deps: EchoDeps & { host?: string; port?: number }): Promise<EchoServer> {
  const host = deps.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/echo') handleEcho(req, res, deps)
    else sendJson(res, 404, { error: { code: 'not_found', message: `no route for ${path}` } })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(deps.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    host,
    port,
    url: `http://${urlHost}:${port}/echo`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
