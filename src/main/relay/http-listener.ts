/**
 * The relay's HTTP listener: proxy-chain's Server (Apify's, maintained) reads the requests, asks the relay's own
 * clients for a login with 407, and forwards plain absolute-URI requests (hop-by-hop headers, bodies, keep-alive).
 * Every connection to the destination is a tunnel from tunnel.ts, the same as on the SOCKS5 listener: CONNECT
 * directly, plain requests through an http.Agent whose sockets are such tunnels. So upstream errors, failover and
 * name resolution by the upstream live in one place, and proxy-chain's private 59x statuses for a failed
 * upstream become a plain 502 with a short text, which every client understands.
 */
import { Agent, type ClientRequestArgs, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Socket } from 'node:net'
import { Server as ProxyChainServer } from 'proxy-chain'
import { TUNNEL_FAILURE_TEXT } from '../../shared/relay'
import { TunnelError } from './tunnel'

export interface HttpListenerOptions {
  host: string
  port: number
  auth?: { username: string; password: string }
  /** Opens a tunnel through the upstream the pool picks (failover counting included). */
  open(host: string, port: number): Promise<Socket>
  established(client: Socket, upstream: Socket): void
  failed(error: Error): void
  accepted(socket: Socket): void
  tunnelOpened(until: { once(event: 'close', listener: () => void): unknown }): void
}

/** proxy-chain's statuses for "the upstream failed" (590-599, 504): see its statuses.js. */
function isUpstreamStatus(status: number): boolean {
  return (status >= 590 && status <= 599) || status === 504
}

function failureFor(status: number): TunnelError {
  if (status === 597) return new TunnelError('upstream_auth', '')
  if (status === 594 || status === 595 || status === 596) return new TunnelError('upstream_refused', '')
  if (status === 504) return new TunnelError('upstream_timeout', '')
  if (status === 593) return new TunnelError('target_unreachable', '')
  return new TunnelError('general', '')
}

export function badGateway(message: string): string {
  const body = `Bad Gateway: ${message}\n`
  return [
    'HTTP/1.1 502 Bad Gateway',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

function proxyLoginOk(header: string | undefined, auth: { username: string; password: string }): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!match) return false
  const text = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = text.indexOf(':')
  return colon >= 0 && text.slice(0, colon) === auth.username && text.slice(colon + 1) === auth.password
}

/** An http.Agent whose every socket is a tunnel through the upstream: a plain request's bytes take the same path. */
class TunnelAgent extends Agent {
  error?: Error
  constructor(private readonly open: (host: string, port: number) => Promise<Socket>) {
    super({ keepAlive: false })
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, socket: Duplex) => void): Duplex | undefined {
    this.open(options.hostname ?? options.host ?? '', Number(options.port) || 80).then(
      (socket) => callback?.(null, socket),
      (err: Error) => {
        this.error = err
        callback?.(err, undefined as unknown as Duplex)
      },
    )
    return undefined
  }
}

export async function startHttpListener(options: HttpListenerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const agents = new WeakMap<IncomingMessage, TunnelAgent>()
  const server = new ProxyChainServer({
    host: options.host,
    port: options.port,
    authRealm: 'iProxy relay',
    prepareRequestFunction: ({ request, username, password }) => {
      if (options.auth && (username !== options.auth.username || password !== options.auth.password)) {
        return { requestAuthentication: true, failMsg: 'This relay needs its local login.' }
      }
      // No upstreamProxyUrl: proxy-chain "connects directly", through the agent, whose sockets are tunnels.
      const agent = new TunnelAgent(options.open)
      agents.set(request, agent)
      return { upstreamProxyUrl: null, httpAgent: agent }
    },
  })
  const http = server.server
  http.on('connection', (socket: Socket) => options.accepted(socket))

  // Plain requests: count each as a tunnel while it runs, and answer a failed tunnel with a 502.
  http.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    options.tunnelOpened(res)
    // proxy-chain reports a failed connection as `statusCode = 59x; end(text)`: answered as a 502 instead.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    ;(res as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
      if (res.headersSent || !isUpstreamStatus(res.statusCode)) return end(...args)
      const error = agents.get(req)?.error ?? failureFor(res.statusCode)
      options.failed(error)
      res.statusCode = 502
      res.statusMessage = 'Bad Gateway'
      res.removeHeader('content-length')
      res.setHeader('content-type', 'text/plain; charset=utf-8')
      return end(`Bad Gateway: ${error.message}\n`)
    }
  })
  // Errors proxy-chain writes straight to the socket (an upstream 407 on a plain request) get the same 502.
  const send = server.sendSocketResponse.bind(server)
  server.sendSocketResponse = (socket, status = 500, headers = {}, message = '') => {
    if (!isUpstreamStatus(status)) return send(socket, status, headers, message)
    const error = failureFor(status)
    options.failed(error)
    if (socket.writable) socket.end(badGateway(error.message))
  }

  // CONNECT: the relay's own tunnel (same errors and failover as SOCKS5) instead of proxy-chain's chain().
  http.removeAllListeners('connect')
  http.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (options.auth && !proxyLoginOk(req.headers['proxy-authorization'], options.auth)) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="iProxy relay"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
      options.failed(new Error('an HTTP client gave a wrong local login or password'))
      return
    }
    const target = parseAuthority(req.url ?? '')
    if (!target) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
      return
    }
    options.open(target.host, target.port).then(
      (upstream) => {
        if (socket.destroyed) {
          upstream.destroy()
          return
        }
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        if (head.length > 0) upstream.write(head)
        options.established(socket, upstream)
      },
      (err: unknown) => {
        const error = err instanceof Error ? err : new Error(String(err))
        options.failed(error)
        if (socket.writable) socket.end(badGateway(error instanceof TunnelError ? error.message : TUNNEL_FAILURE_TEXT.general))
      },
    )
  })

  await server.listen()
  return { port: server.port, close: () => server.close(true) }
}

function parseAuthority(text: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text)
  if (!match) return undefined
  const port = Number(match[2])
  return port > 0 && port < 65_536 ? { host: match[1]!, port } : undefined
}
