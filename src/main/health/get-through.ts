/**
 * `getThrough(target, request, attempt, marks, sink)`: one GET through one proxy, its answer handed to a sink as
 * it arrives. The echo check (check-proxy.ts) keeps a few hundred bytes of it; the download (throughput.ts)
 * counts bytes for N seconds and stops. One way per proxy kind:
 *
 * - SOCKS5 through the `socks` package on a socket we connect ourselves, so the TCP connect, the greeting and the
 *   auth round trip are timed apart, and the target's host name is resolved by the proxy; the GET inside the
 *   tunnel (TLS inside it for https) is written and read by http1-get.ts.
 * - HTTP proxies through undici's ProxyAgent: absolute-URI forwarding for http:// URLs, a CONNECT tunnel for
 *   https:// ones; the GET goes through `dispatch` with a plain handler.
 *
 * Every socket either way opens is tracked by the Attempt (attempt.ts), which closes them on its deadline, on
 * cancel, and when the caller is done.
 *
 * Speed (a batch runs hundreds of checks at once; `npm run bench:health` measures it): each ProxyAgent builds
 * plain Clients rather than Pools and is told the Host header so it parses no URL; `dispatch` with a plain
 * handler rather than `request()`, whose async-resource handler and Readable body stream were a visible part of
 * the checker's CPU per HTTP-proxy check; and no node:http ClientRequest inside a SOCKS5 tunnel.
 */
import { isIP, connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { performance } from 'node:perf_hooks'
import { SocksClient } from 'socks'
import { Client, ProxyAgent } from 'undici'
import type { HealthTarget } from '../../shared/health'
import type { Attempt } from './attempt'
import { http1Get, SINK_STOPPED, type AnswerSink } from './http1-get'

export type { AnswerSink } from './http1-get'

/** An http(s) URL taken apart once, with what a GET of it sends. */
export interface GetRequest {
  https: boolean
  /** The host as a SOCKS5 proxy is to resolve or connect it (no brackets). */
  bareHost: string
  port: number
  /** `host[:port]`, the Host header. */
  host: string
  origin: string
  path: string
  /** Sent with the Host header, both ways. */
  headers: Readonly<Record<string, string>>
  /** The whole GET head as written into a SOCKS5 tunnel: Host, Connection: close, then `headers`. */
  head: string
}

/** A GET of `raw` with `headers`, or undefined when `raw` is not an http(s) URL. */
export function getRequestFor(raw: string, headers: Readonly<Record<string, string>>): GetRequest | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const https = url.protocol === 'https:'
  const path = `${url.pathname}${url.search}`
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return {
    https,
    bareHost: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : https ? 443 : 80,
    host: url.host,
    origin: url.origin,
    path,
    headers,
    head: `GET ${path} HTTP/1.1\r\nhost: ${url.host}\r\nconnection: close\r\n${extra}\r\n`,
  }
}

/** When each step finished (performance.now()). */
export interface Marks {
  connected?: number
  greeted?: number
  authed?: number
  tunnel?: number
  /** The GET was handed to the tunnel or the agent. */
  sent?: number
}

const hasAuth = (t: HealthTarget) => t.username !== undefined && t.username !== ''

const basicToken = (t: HealthTarget) => `Basic ${Buffer.from(`${t.username ?? ''}:${t.password ?? ''}`).toString('base64')}`

/**
 * The GET through `target`; resolves once the answer is complete or `sink` stopped it. `timeoutMs` is the
 * attempt's: the socks client's own timer is set past it (see socksTunnel).
 */
export async function getThrough(target: HealthTarget, request: GetRequest, attempt: Attempt, marks: Marks, timeoutMs: number, sink: AnswerSink): Promise<void> {
  if (target.protocol === 'socks5') {
    const stream = await socksTunnel(target, request, attempt, marks, timeoutMs)
    marks.sent = performance.now()
    return http1Get(stream, request.head, sink)
  }
  const agent = proxyAgentFor(target, request.https, attempt, marks)
  attempt.dispatcher = agent
  marks.sent = performance.now()
  return dispatchGet(agent, request, sink)
}

/** A connected SOCKS5 tunnel to the request's host (TLS inside it for https), its steps timed into `marks`. */
async function socksTunnel(target: HealthTarget, request: GetRequest, attempt: Attempt, marks: Marks, timeoutMs: number): Promise<Socket> {
  const socket = netConnect({ host: target.host, port: target.port, noDelay: true })
  attempt.track(socket)
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  marks.connected = performance.now()
  // Each proxy reply arrives in its own packet: the greeting's, then the auth's (when there is auth).
  let replies = 0
  const withAuth = hasAuth(target)
  const onData = () => {
    replies += 1
    if (replies === 1) marks.greeted = performance.now()
    else if (replies === 2 && withAuth) marks.authed = performance.now()
  }
  socket.on('data', onData)
  let info
  try {
    info = await SocksClient.createConnection({
      proxy: {
        host: target.host,
        port: target.port,
        type: 5,
        ...(withAuth ? { userId: target.username, password: target.password ?? '' } : {}),
      },
      command: 'connect',
      // The host name goes to the proxy as it is: the proxy resolves it, as a real client's would be.
      destination: { host: request.bareHost, port: request.port },
      existing_socket: socket,
      // Our own deadline always fires first (this timer starts later and runs longer), so the status and message
      // stay ours. The socks client never clears this timer and it holds the client and socket until it fires:
      // a few seconds past the deadline, not minutes.
      timeout: timeoutMs + 1_000,
    })
  } finally {
    socket.off('data', onData)
  }
  marks.tunnel = performance.now()
  const tunnelSocket = info.socket as Socket
  if (!request.https) return tunnelSocket
  // The certificate is checked against `host`. SNI names a host, never an address (RFC 6066; node warns and
  // will ignore one): none for an echo URL with an IP.
  const sni = isIP(request.bareHost) === 0 ? { servername: request.bareHost } : {}
  const tls = tlsConnect({ socket: tunnelSocket, host: request.bareHost, ...sni, ALPNProtocols: ['http/1.1'] })
  tls.on('error', () => {})
  attempt.track(tls as unknown as Socket)
  await new Promise<void>((resolve, reject) => {
    tls.once('secureConnect', resolve)
    tls.once('error', reject)
  })
  return tls as unknown as Socket
}

type Connector = (opts: unknown, callback: (err: Error | null, socket: Socket | null) => void) => unknown

/**
 * A ProxyAgent for one attempt: its sockets tracked by `attempt` (the proxy connector hands its socket back at
 * once, so even one still connecting is closed on a stop), the proxy's TCP connect and the CONNECT tunnel timed
 * into `marks`. Plain Clients rather than undici's default Pools: one request per agent needs no pool.
 */
function proxyAgentFor(target: HealthTarget, https: boolean, attempt: Attempt, marks: Marks): ProxyAgent {
  const timed = (connect: Connector, kind: 'proxy' | 'tunnel'): Connector => (opts, callback) => {
    const returned = connect(opts, (err, socket) => {
      if (!err && socket) {
        if (socket !== returned) attempt.track(socket)
        const now = performance.now()
        if (kind === 'proxy') marks.connected ??= now
        else marks.tunnel ??= now
      }
      callback(err, socket)
    })
    if (returned && typeof (returned as Socket).destroy === 'function') attempt.track(returned as Socket)
    return returned
  }
  return new ProxyAgent({
    uri: `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
    ...(hasAuth(target) ? { token: basicToken(target) } : {}),
    proxyTunnel: https,
    // The client to the proxy itself: it carries the CONNECT (https), and is never used for http:// forwarding.
    clientFactory: (origin, opts) => new Client(origin, { connect: timed((opts as { connect: Connector }).connect, 'proxy') as never }),
    // For http:// it is called once, for the proxy (absolute-URI forwarding); for https://, once for the origin
    // behind the tunnel.
    factory: (origin, opts) => new Client(origin, { connect: timed((opts as { connect: Connector }).connect, https ? 'tunnel' : 'proxy') as never }),
  })
}

/**
 * One GET through the ProxyAgent. The ProxyAgent's forwarder sees the same handler as with `request()`, so a 407
 * from the proxy still arrives as its error. Host is given, so neither ProxyAgent nor its forwarder parses the
 * origin again (the same value they would set).
 */
function dispatchGet(agent: ProxyAgent, request: GetRequest, sink: AnswerSink): Promise<void> {
  return new Promise((resolve, reject) => {
    let abort: ((err?: Error) => void) | undefined
    let stopped = false
    const stop = () => {
      stopped = true
      abort?.(SINK_STOPPED)
      return false
    }
    agent.dispatch(
      { origin: request.origin, path: request.path, method: 'GET', headers: { ...request.headers, host: request.host } },
      {
        onConnect(a: (err?: Error) => void) {
          abort = a
        },
        onHeaders(statusCode: number) {
          return sink.head(statusCode) || stop()
        },
        onData(chunk: Buffer) {
          return sink.body(chunk) || stop()
        },
        onComplete() {
          resolve()
        },
        onError(err: Error) {
          if (stopped) resolve()
          else reject(err)
        },
      },
    )
  })
}
