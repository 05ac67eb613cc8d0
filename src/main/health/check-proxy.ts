/**
 * `checkProxy(target, options)`: one request through one proxy to an IP-echo URL. It always resolves, never
 * rejects: every failure becomes a status a person can act on (see HEALTH_STATUSES), and every socket it opened
 * is closed before it resolves, whether it succeeded, failed, timed out or was cancelled.
 *
 * SOCKS5 goes through the `socks` package on a socket we connect ourselves, so the TCP connect, the greeting and
 * the auth round trip are timed apart, and the echo's host name is resolved by the proxy. HTTP proxies go through
 * undici's ProxyAgent: absolute-URI forwarding for http:// echo URLs, a CONNECT tunnel for https:// ones.
 *
 * Speed (a batch runs hundreds of these at once; `npm run bench:health` measures it, and these cut the checker's
 * CPU per check by about 40%): the echo URL is parsed once per distinct URL, not per check; the GET inside a
 * SOCKS5 tunnel is written and read by http1-get.ts rather than by a node:http ClientRequest; each ProxyAgent
 * builds plain Clients rather than Pools, is told the Host header so it parses no URL, takes the GET through
 * `dispatch` with a plain handler rather than `request()` and its body stream, and is destroyed in one call after
 * its sockets rather than closed level by level; and the deadline and cancel are one Attempt (attempt.ts) rather
 * than an AbortController with a listener per step.
 */
import { connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { performance } from 'node:perf_hooks'
import { SocksClient } from 'socks'
import { request as httpRequest } from 'node:http'
import type { Readable } from 'node:stream'
import { Client, ProxyAgent } from 'undici'
import { HEALTH_STATUS_MESSAGES, type HealthCheckResult, type HealthStatus, type HealthTarget, type HealthTimings } from '../../shared/health'
import { Attempt, StoppedError } from './attempt'
import { parseEchoBody } from './echo'
import { AnswerTooLargeError, http1Get } from './http1-get'

export interface CheckOptions {
  echoUrl: string
  timeoutMs?: number
  signal?: AbortSignal
  /** The connection's known IP (latest IP-history entry): a different exit IP is flagged. */
  expectedIp?: string
  /** Download through the proxy for up to `seconds` and report Mbit/s. */
  throughput?: { url: string; seconds: number }
}

export const DEFAULT_TIMEOUT_MS = 10_000
/** Echo answers are small; anything bigger is not an echo. */
const MAX_ECHO_BYTES = 64 * 1024
const ECHO_HEADERS = { accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'iProxy-Desktop-health-check' } as const

/** A failure with the status it stands for. */
class CheckFailure extends Error {
  constructor(
    readonly status: HealthStatus,
    detail?: string,
    readonly httpStatus?: number,
  ) {
    super(detail ?? HEALTH_STATUS_MESSAGES[status])
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10

function messageFor(status: HealthStatus, detail?: string): string {
  const base = HEALTH_STATUS_MESSAGES[status]
  return detail && detail !== base ? `${base} (${detail})` : base
}

/** What a connection-level error means for the user. */
export function classifyError(err: unknown): { status: HealthStatus; detail?: string; httpStatus?: number } {
  if (err instanceof CheckFailure) {
    const out: { status: HealthStatus; detail?: string; httpStatus?: number } = { status: err.status, detail: err.message }
    if (err.httpStatus !== undefined) out.httpStatus = err.httpStatus
    return out
  }
  const chain: Array<{ code?: unknown; message?: unknown }> = []
  let cur: unknown = err
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    chain.push(cur as { code?: unknown; message?: unknown })
    cur = (cur as { cause?: unknown }).cause
  }
  for (const e of chain) {
    const code = typeof e.code === 'string' ? e.code : ''
    const message = typeof e.message === 'string' ? e.message : ''
    if (code === 'ECONNREFUSED') return { status: 'refused', detail: code }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return { status: 'dns_failed', detail: code }
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN' || code === 'EADDRNOTAVAIL') {
      return { status: 'unreachable', detail: code }
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || /timed out/i.test(message)) return { status: 'timeout' }
    const tunnel = /Proxy response \((\d{3})\) !== 200/.exec(message)
    if (tunnel) {
      const status = Number(tunnel[1])
      if (status === 407 || status === 401) return { status: 'auth_failed', detail: `the proxy answered ${status}`, httpStatus: status }
      if (status === 502 || status === 503 || status === 504) {
        return { status: 'target_error', detail: `the proxy answered ${status} to the tunnel request`, httpStatus: status }
      }
      return { status: 'proxy_error', detail: `the proxy answered ${status} to the tunnel request`, httpStatus: status }
    }
    if (/Proxy Authentication Required \(407\)/.test(message)) return { status: 'auth_failed', detail: 'the proxy answered 407', httpStatus: 407 }
    if (/Socks5 Authentication failed/.test(message)) return { status: 'auth_failed', detail: 'SOCKS5 login rejected' }
    if (/no accepted authentication type/.test(message)) return { status: 'auth_failed', detail: 'the proxy accepts none of the offered login methods' }
    if (/Socks5 proxy rejected connection/.test(message)) return { status: 'target_error', detail: message }
    if (/Socks5|Socks4|Negotiation error/i.test(message)) return { status: 'proxy_error', detail: message }
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || /Socket closed|other side closed/i.test(message)) {
      return { status: 'proxy_error', detail: 'the connection was closed' }
    }
    if (code.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(message)) return { status: 'target_error', detail: message }
  }
  const first = chain[0]
  const detail = first && typeof first.message === 'string' ? first.message : String(err)
  return { status: 'proxy_error', detail }
}

interface Exchange {
  httpStatus: number
  body: string
  timings: Omit<HealthTimings, 'totalMs'>
}

/** When each step finished (performance.now()). */
interface Marks {
  connected?: number
  greeted?: number
  authed?: number
  tunnel?: number
}

/** An http(s) URL taken apart once, with what a request to it sends. */
interface HttpUrl {
  https: boolean
  /** As in the URL: IPv6 in brackets (for TLS's servername the brackets are dropped by node). */
  hostname: string
  /** The host as a SOCKS5 proxy is to resolve or connect it (no brackets). */
  bareHost: string
  port: number
  /** `host[:port]`, the Host header. */
  host: string
  origin: string
  path: string
}

function parseHttpUrl(raw: string): HttpUrl | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const https = url.protocol === 'https:'
  return {
    https,
    hostname: url.hostname,
    bareHost: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : https ? 443 : 80,
    host: url.host,
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
  }
}

/** Echo URLs parsed so far (a batch uses one or a few); bounded, in case a caller makes one per check. */
const echoUrls = new Map<string, { url: HttpUrl; socksRequest: string } | null>()
const MAX_CACHED_ECHO_URLS = 32

function echoUrlOf(raw: string): { url: HttpUrl; socksRequest: string } | undefined {
  let known = echoUrls.get(raw)
  if (known === undefined) {
    const url = parseHttpUrl(raw)
    // The same request node:http sent for us: Host, Connection: close, then ours.
    known = url
      ? { url, socksRequest: `GET ${url.path} HTTP/1.1\r\nhost: ${url.host}\r\nconnection: close\r\naccept: ${ECHO_HEADERS.accept}\r\nuser-agent: ${ECHO_HEADERS['user-agent']}\r\n\r\n` }
      : null
    if (echoUrls.size >= MAX_CACHED_ECHO_URLS) echoUrls.clear()
    echoUrls.set(raw, known)
  }
  return known ?? undefined
}

const basicToken = (t: HealthTarget) =>
  `Basic ${Buffer.from(`${t.username ?? ''}:${t.password ?? ''}`).toString('base64')}`

const hasAuth = (t: HealthTarget) => t.username !== undefined && t.username !== ''

/**
 * A connected SOCKS5 tunnel to `url`'s host (TLS inside it for https), its steps timed into `marks`. Every socket
 * it opens is tracked by `attempt`.
 */
async function socksTunnel(target: HealthTarget, url: HttpUrl, attempt: Attempt, marks: Marks, timeoutMs: number): Promise<Socket> {
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
      destination: { host: url.bareHost, port: url.port },
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
  if (!url.https) return tunnelSocket
  const tls = tlsConnect({ socket: tunnelSocket, servername: url.hostname, ALPNProtocols: ['http/1.1'] })
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
 * One GET through the ProxyAgent, its body read into a string (rejecting past `limit` bytes). `dispatch` with a
 * plain handler rather than `request()`: the echo answer needs neither request()'s async-resource handler nor a
 * Readable body stream, which together were a visible part of the checker's CPU per HTTP-proxy check. The
 * ProxyAgent's forwarder sees the same handler either way (a 407 from the proxy still arrives as its error).
 */
function dispatchGet(
  agent: ProxyAgent,
  url: HttpUrl,
  limit: number,
): Promise<{ statusCode: number; body: string; headersAt: number }> {
  return new Promise((resolve, reject) => {
    let abort: ((err?: Error) => void) | undefined
    let statusCode = 0
    let headersAt = 0
    const chunks: Buffer[] = []
    let size = 0
    agent.dispatch(
      { origin: url.origin, path: url.path, method: 'GET', headers: { ...ECHO_HEADERS, host: url.host } },
      {
        onConnect(a: (err?: Error) => void) {
          abort = a
        },
        onHeaders(status: number) {
          statusCode = status
          headersAt = performance.now()
          return true
        },
        onData(chunk: Buffer) {
          size += chunk.length
          if (size > limit) {
            abort?.(new CheckFailure('bad_echo_response', `the answer is larger than ${limit / 1024} KiB`))
            return false
          }
          chunks.push(chunk)
          return true
        },
        onComplete() {
          resolve({ statusCode, body: Buffer.concat(chunks, size).toString('utf8'), headersAt })
        },
        onError: reject,
      },
    )
  })
}

async function exchange(target: HealthTarget, echo: { url: HttpUrl; socksRequest: string }, attempt: Attempt, start: number, timeoutMs: number): Promise<Exchange> {
  const marks: Marks = {}
  const timings: Omit<HealthTimings, 'totalMs'> = {}
  let httpStatus: number
  let body: string
  if (target.protocol === 'socks5') {
    const stream = await socksTunnel(target, echo.url, attempt, marks, timeoutMs)
    const sentAt = performance.now()
    let answer
    try {
      answer = await http1Get(stream, echo.socksRequest, MAX_ECHO_BYTES)
    } catch (err) {
      if (err instanceof AnswerTooLargeError) throw new CheckFailure('bad_echo_response', err.message)
      throw err
    }
    httpStatus = answer.statusCode
    body = answer.body
    if (marks.connected !== undefined) timings.connectMs = round(marks.connected - start)
    if (marks.greeted !== undefined && marks.connected !== undefined) timings.greetingMs = round(marks.greeted - marks.connected)
    if (marks.authed !== undefined && marks.greeted !== undefined) timings.authMs = round(marks.authed - marks.greeted)
    if (marks.tunnel !== undefined && marks.connected !== undefined) timings.handshakeMs = round(marks.tunnel - marks.connected)
    timings.firstByteMs = round(answer.headersAt - sentAt)
  } else {
    const agent = proxyAgentFor(target, echo.url.https, attempt, marks)
    attempt.dispatcher = agent
    const sentAt = performance.now()
    // Host given here, so neither ProxyAgent nor its forwarder parses the origin again (the same value they'd set).
    const answer = await dispatchGet(agent, echo.url, MAX_ECHO_BYTES)
    const headersAt = answer.headersAt
    httpStatus = answer.statusCode
    body = answer.body
    if (marks.connected !== undefined) timings.connectMs = round(marks.connected - start)
    if (marks.tunnel !== undefined) {
      // The tunnel's connector covers the TCP connect and the CONNECT exchange.
      timings.handshakeMs = round(marks.tunnel - (marks.connected ?? start))
      timings.firstByteMs = round(headersAt - marks.tunnel)
    } else {
      timings.firstByteMs = round(headersAt - (marks.connected ?? sentAt))
    }
  }
  return { httpStatus, body, timings }
}

export async function checkProxy(target: HealthTarget, options: CheckOptions): Promise<HealthCheckResult> {
  const start = performance.now()
  const checkedAt = new Date().toISOString()
  const finish = (status: HealthStatus, extra: Omit<Partial<HealthCheckResult>, 'timings'> & { detail?: string; timings?: Omit<HealthTimings, 'totalMs'> } = {}): HealthCheckResult => {
    const { detail, timings, ...rest } = extra
    const result: HealthCheckResult = {
      ok: status === 'ok',
      status,
      ...rest,
      timings: { ...timings, totalMs: round(performance.now() - start) },
      checkedAt,
    }
    if (status !== 'ok') result.error = messageFor(status, detail)
    return result
  }
  if (options.signal?.aborted) return finish('cancelled')
  const echo = echoUrlOf(options.echoUrl)
  if (!echo) return finish('target_error', { detail: `the echo address ${JSON.stringify(options.echoUrl)} is not an http(s) URL` })
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const attempt = new Attempt(timeoutMs, options.signal)
  try {
    const ex = await attempt.run(exchange(target, echo, attempt, start, timeoutMs))
    if (ex.httpStatus === 407 || (ex.httpStatus === 401 && target.protocol === 'http')) {
      return finish('auth_failed', { detail: `the proxy answered ${ex.httpStatus}`, httpStatus: ex.httpStatus, timings: ex.timings })
    }
    if (ex.httpStatus < 200 || ex.httpStatus > 299) {
      return finish('target_error', { detail: `the echo service answered HTTP ${ex.httpStatus}`, httpStatus: ex.httpStatus, timings: ex.timings })
    }
    const reading = parseEchoBody(ex.body)
    if (!reading) {
      const sample = ex.body.trim().slice(0, 60).replace(/\s+/g, ' ')
      return finish('bad_echo_response', { detail: `it answered ${JSON.stringify(sample)}`, httpStatus: ex.httpStatus, timings: ex.timings })
    }
    const extra: Partial<HealthCheckResult> = { exitIp: reading.ip, exitIpVersion: reading.version, httpStatus: ex.httpStatus }
    if (reading.geo) extra.geo = reading.geo
    if (options.expectedIp) {
      extra.expectedIp = options.expectedIp
      extra.ipMismatch = options.expectedIp !== reading.ip
    }
    if (options.throughput) {
      attempt.closeAll()
      const speed = await measureThroughput(target, { ...options.throughput, signal: attempt.signal(), timeoutMs: options.throughput.seconds * 1000 + timeoutMs })
      if (speed.mbps !== undefined) extra.throughputMbps = speed.mbps
      else if (speed.error) extra.throughputError = speed.error
    }
    return finish('ok', { ...extra, timings: ex.timings })
  } catch (err) {
    const stopped = attempt.reason ?? (err instanceof StoppedError ? err.reason : undefined)
    if (stopped) return finish(stopped, stopped === 'timeout' ? { detail: `no answer within ${timeoutMs / 1000} s` } : {})
    const c = classifyError(err)
    return finish(c.status, { ...(c.detail ? { detail: c.detail } : {}), ...(c.httpStatus ? { httpStatus: c.httpStatus } : {}) })
  } finally {
    attempt.dispose()
  }
}

/** The download's response: through the SOCKS5 tunnel with node:http (a stream of any length), or the ProxyAgent. */
async function openDownload(target: HealthTarget, url: HttpUrl, attempt: Attempt, timeoutMs: number): Promise<{ statusCode: number; body: Readable }> {
  if (target.protocol === 'socks5') {
    const stream = await socksTunnel(target, url, attempt, {}, timeoutMs)
    return new Promise((resolve, reject) => {
      const req = httpRequest({
        createConnection: () => stream,
        protocol: 'http:',
        host: url.bareHost,
        port: url.port,
        path: url.path,
        method: 'GET',
        headers: { host: url.host, connection: 'close' },
      })
      req.once('response', (res) => resolve({ statusCode: res.statusCode ?? 0, body: res }))
      req.once('error', reject)
      req.end()
    })
  }
  const agent = proxyAgentFor(target, url.https, attempt, {})
  attempt.dispatcher = agent
  const res = await agent.request({ origin: url.origin, path: url.path, method: 'GET', headers: { host: url.host } })
  return { statusCode: res.statusCode, body: res.body }
}

/** Mbit/s over `bytes` received since `began` (performance.now()). */
function speedSince(began: number, bytes: number): { mbps: number; bytes: number; seconds: number } {
  const seconds = (performance.now() - began) / 1000
  return { mbps: seconds > 0 ? Math.round(((bytes * 8) / 1e6 / seconds) * 100) / 100 : 0, bytes, seconds }
}

/**
 * Downloads from `url` through the proxy for up to `seconds` and reports Mbit/s over the bytes received after the
 * response headers. Never rejects.
 */
export async function measureThroughput(
  target: HealthTarget,
  options: { url: string; seconds: number; signal?: AbortSignal; timeoutMs?: number },
): Promise<{ mbps?: number; bytes: number; seconds: number; error?: string }> {
  const url = parseHttpUrl(options.url)
  if (!url) return { bytes: 0, seconds: 0, error: 'the download address is not a URL' }
  const timeoutMs = options.timeoutMs ?? options.seconds * 1000 + DEFAULT_TIMEOUT_MS
  const attempt = new Attempt(timeoutMs, options.signal)
  let bytes = 0
  let began = 0
  try {
    const res = await attempt.run(openDownload(target, url, attempt, timeoutMs))
    if (res.statusCode < 200 || res.statusCode > 299) {
      res.body.destroy()
      return { bytes: 0, seconds: 0, error: `the download answered HTTP ${res.statusCode}` }
    }
    began = performance.now()
    const stopAt = began + options.seconds * 1000
    await attempt.run(
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          res.body.destroy()
          resolve()
        }, options.seconds * 1000)
        res.body.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          if (performance.now() >= stopAt) {
            clearTimeout(timer)
            res.body.destroy()
            resolve()
          }
        })
        res.body.once('end', () => {
          clearTimeout(timer)
          resolve()
        })
        res.body.once('error', (err) => {
          clearTimeout(timer)
          if (performance.now() >= stopAt) resolve()
          else reject(err)
        })
        // A stop destroys the sockets under the body; its timer must not outlive the attempt.
        attempt.stopped.catch(() => clearTimeout(timer))
      }),
    )
    return speedSince(began, bytes)
  } catch (err) {
    const stopped = attempt.reason ?? (err instanceof StoppedError ? err.reason : undefined)
    // A deadline in the middle of the download still gives a speed over what arrived.
    if (stopped === 'timeout' && bytes > 0 && began > 0) return speedSince(began, bytes)
    if (stopped) return { bytes, seconds: 0, error: HEALTH_STATUS_MESSAGES[stopped] }
    const c = classifyError(err)
    return { bytes, seconds: 0, error: messageFor(c.status, c.detail) }
  } finally {
    attempt.dispose()
  }
}
