/**
 * `checkProxy(target, options)`: one request through one proxy to an IP-echo URL. It always resolves, never
 * rejects: every failure becomes a status a person can act on (see HEALTH_STATUSES), and every socket it opened
 * is closed before it resolves, whether it succeeded, failed, timed out or was cancelled.
 *
 * SOCKS5 goes through the `socks` package on a socket we connect ourselves, so the TCP connect, the greeting and
 * the auth round trip are timed apart, and the echo's host name is resolved by the proxy. HTTP proxies go through
 * undici's ProxyAgent: absolute-URI forwarding for http:// echo URLs, a CONNECT tunnel for https:// ones.
 */
import { connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { performance } from 'node:perf_hooks'
import { SocksClient } from 'socks'
import { request as httpRequest } from 'node:http'
import type { Readable } from 'node:stream'
import { Pool, ProxyAgent } from 'undici'
import { HEALTH_STATUS_MESSAGES, type HealthCheckResult, type HealthStatus, type HealthTarget, type HealthTimings } from '../../shared/health'
import { parseEchoBody } from './echo'

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

/** Rejects when the signal aborts, so a hung step can never outlive the deadline. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CheckFailure('cancelled'))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CheckFailure('cancelled'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}

/** What a check needs from an HTTP client: one GET, and closing everything it opened. */
interface Requester {
  request(options: { origin: string; path: string; method: 'GET'; headers?: Record<string, string>; signal: AbortSignal }): Promise<{ statusCode: number; body: Readable }>
  destroy(): Promise<void>
  /** Closes gracefully once every response was read (cheaper than destroy: no errors are made). */
  close(): Promise<void>
}

/** One HTTP/1.1 request over an already-open stream (the SOCKS5 tunnel, or TLS inside it). */
function overSocket(stream: Socket): Requester {
  return {
    request: (o) =>
      new Promise((resolve, reject) => {
        const url = new URL(o.origin)
        const req = httpRequest({
          createConnection: () => stream,
          protocol: 'http:',
          host: url.hostname,
          port: url.port,
          path: o.path,
          method: o.method,
          headers: { host: url.host, connection: 'close', ...o.headers },
          signal: o.signal,
        })
        req.once('response', (res) => resolve({ statusCode: res.statusCode ?? 0, body: res }))
        req.once('error', reject)
        req.end()
      }),
    destroy: async () => {
      stream.destroy()
    },
    close: async () => {
      stream.destroy()
    },
  }
}

function viaUndici(agent: ProxyAgent): Requester {
  return {
    request: async (o) => {
      const res = await agent.request(o)
      return { statusCode: res.statusCode, body: res.body }
    },
    destroy: () => agent.destroy(),
    close: () => agent.close(),
  }
}

async function readLimited(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > limit) {
      body.destroy()
      throw new CheckFailure('bad_echo_response', `the answer is larger than ${limit / 1024} KiB`)
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const basicToken = (t: HealthTarget) =>
  `Basic ${Buffer.from(`${t.username ?? ''}:${t.password ?? ''}`).toString('base64')}`

const hasAuth = (t: HealthTarget) => t.username !== undefined && t.username !== ''

/**
 * Opens a dispatcher whose every request goes through the proxy; `close` destroys it and every socket in it.
 * `marks` receives the times the steps finished at (performance.now()).
 */
async function openThroughProxy(
  target: HealthTarget,
  url: URL,
  signal: AbortSignal,
  sockets: Set<Socket>,
): Promise<{ dispatcher: Requester; marks: { connected?: number; greeted?: number; authed?: number; tunnel?: number } }> {
  const marks: { connected?: number; greeted?: number; authed?: number; tunnel?: number } = {}
  const https = url.protocol === 'https:'
  const port = url.port ? Number(url.port) : https ? 443 : 80

  if (target.protocol === 'socks5') {
    const socket = netConnect({ host: target.host, port: target.port })
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    await abortable(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('error', reject)
      }),
      signal,
    )
    marks.connected = performance.now()
    // Each proxy reply arrives in its own packet: the greeting's, then the auth's (when there is auth).
    let replies = 0
    const onData = () => {
      replies += 1
      if (replies === 1) marks.greeted = performance.now()
      else if (replies === 2 && hasAuth(target)) marks.authed = performance.now()
    }
    socket.on('data', onData)
    let info
    try {
      info = await abortable(
        SocksClient.createConnection({
          proxy: {
            host: target.host,
            port: target.port,
            type: 5,
            ...(hasAuth(target) ? { userId: target.username, password: target.password ?? '' } : {}),
          },
          command: 'connect',
          // The host name goes to the proxy as it is: the proxy resolves it, as a real client's would be.
          destination: { host: url.hostname.replace(/^\[|\]$/g, ''), port },
          existing_socket: socket,
          timeout: 600_000,
        }),
        signal,
      )
    } finally {
      socket.off('data', onData)
    }
    marks.tunnel = performance.now()
    const tunnelSocket = info.socket as Socket
    let stream: Socket = tunnelSocket
    if (https) {
      const tls = tlsConnect({ socket: tunnelSocket, servername: url.hostname, ALPNProtocols: ['http/1.1'] })
      tls.on('error', () => {})
      sockets.add(tls as unknown as Socket)
      tls.once('close', () => sockets.delete(tls as unknown as Socket))
      await abortable(
        new Promise<void>((resolve, reject) => {
          tls.once('secureConnect', () => resolve())
          tls.once('error', reject)
        }),
        signal,
      )
      stream = tls as unknown as Socket
    }
    return { dispatcher: overSocket(stream), marks }
  }

  // HTTP proxy: the first socket's connect (to the proxy) and, for https echo URLs, the tunnel are timed.
  const timed =
    (kind: 'proxy' | 'tunnel') =>
    (connect: unknown) =>
    (opts: unknown, callback: (err: Error | null, socket: Socket | null) => void) =>
      (connect as (o: unknown, cb: (err: Error | null, socket: Socket | null) => void) => void)(opts, (err, socket) => {
        if (!err && socket) {
          sockets.add(socket)
          socket.once('close', () => sockets.delete(socket))
          const now = performance.now()
          if (kind === 'proxy') marks.connected ??= now
          else marks.tunnel ??= now
        }
        callback(err, socket)
      })
  const agent = new ProxyAgent({
    uri: `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
    ...(hasAuth(target) ? { token: basicToken(target) } : {}),
    proxyTunnel: https,
    clientFactory: (origin, opts) => new Pool(origin, { ...opts, connect: timed('proxy')((opts as { connect?: unknown }).connect) as never }),
    factory: (origin, opts) => {
      const o = opts as { connect?: unknown }
      const isProxy = new URL(origin).host === `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`
      return new Pool(origin, { ...(opts as object), connect: timed(isProxy && !https ? 'proxy' : 'tunnel')(o.connect) as never })
    },
  })
  return { dispatcher: viaUndici(agent), marks }
}

async function exchange(target: HealthTarget, url: URL, signal: AbortSignal, sockets: Set<Socket>, start: number, holder: { dispatcher?: Requester }): Promise<Exchange> {
  const { dispatcher, marks } = await openThroughProxy(target, url, signal, sockets)
  holder.dispatcher = dispatcher
  const sentAt = performance.now()
  const res = await abortable(
    dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'iProxy-Desktop-health-check' },
      signal,
    }),
    signal,
  )
  const headersAt = performance.now()
  const body = await abortable(readLimited(res.body, MAX_ECHO_BYTES), signal)
  const timings: Omit<HealthTimings, 'totalMs'> = {}
  if (marks.connected !== undefined) timings.connectMs = round(marks.connected - start)
  if (target.protocol === 'socks5') {
    if (marks.greeted !== undefined && marks.connected !== undefined) timings.greetingMs = round(marks.greeted - marks.connected)
    if (marks.authed !== undefined && marks.greeted !== undefined) timings.authMs = round(marks.authed - marks.greeted)
    if (marks.tunnel !== undefined && marks.connected !== undefined) timings.handshakeMs = round(marks.tunnel - marks.connected)
    timings.firstByteMs = round(headersAt - sentAt)
  } else if (marks.tunnel !== undefined) {
    // The tunnel's connector covers the TCP connect and the CONNECT exchange.
    timings.handshakeMs = round(marks.tunnel - (marks.connected ?? start))
    timings.firstByteMs = round(headersAt - marks.tunnel)
  } else {
    timings.firstByteMs = round(headersAt - (marks.connected ?? sentAt))
  }
  return { httpStatus: res.statusCode, body, timings }
}

async function destroyQuietly(dispatcher: Requester | undefined, sockets: Set<Socket>, graceful = false): Promise<void> {
  if (graceful && dispatcher) {
    const closed = await Promise.race([
      dispatcher.close().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1_000).unref()),
    ])
    if (closed) {
      for (const s of sockets) s.destroy()
      return
    }
  }
  for (const s of sockets) s.destroy()
  if (dispatcher) {
    // Every socket is destroyed above; the dispatcher's own bookkeeping may finish in the background.
    await Promise.race([dispatcher.destroy().catch(() => {}), new Promise((r) => setTimeout(r, 100).unref())])
  }
  for (const s of sockets) s.destroy()
}

/** Runs `work` with a deadline and the caller's signal; the reason it stopped, if it was stopped. */
function deadline(timeoutMs: number, outer: AbortSignal | undefined) {
  const controller = new AbortController()
  let reason: 'timeout' | 'cancelled' | undefined
  const timer = setTimeout(() => {
    reason ??= 'timeout'
    controller.abort()
  }, timeoutMs)
  const onAbort = () => {
    reason ??= 'cancelled'
    controller.abort()
  }
  outer?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onAbort)
    },
  }
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
  let url: URL
  try {
    url = new URL(options.echoUrl)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
  } catch {
    return finish('target_error', { detail: `the echo address ${JSON.stringify(options.echoUrl)} is not an http(s) URL` })
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const limit = deadline(timeoutMs, options.signal)
  const sockets = new Set<Socket>()
  const holder: { dispatcher?: Requester } = {}
  let readAll = false
  try {
    const ex = await exchange(target, url, limit.signal, sockets, start, holder)
    readAll = true
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
      await destroyQuietly(holder.dispatcher, sockets)
      holder.dispatcher = undefined
      const speed = await measureThroughput(target, { ...options.throughput, signal: limit.signal, timeoutMs: options.throughput.seconds * 1000 + timeoutMs })
      if (speed.mbps !== undefined) extra.throughputMbps = speed.mbps
      else if (speed.error) extra.throughputError = speed.error
    }
    return finish('ok', { ...extra, timings: ex.timings })
  } catch (err) {
    const stopped = limit.reason()
    if (stopped) return finish(stopped, stopped === 'timeout' ? { detail: `no answer within ${timeoutMs / 1000} s` } : {})
    const c = classifyError(err)
    return finish(c.status, { ...(c.detail ? { detail: c.detail } : {}), ...(c.httpStatus ? { httpStatus: c.httpStatus } : {}) })
  } finally {
    limit.dispose()
    await destroyQuietly(holder.dispatcher, sockets, readAll && !limit.signal.aborted)
  }
}

/**
 * Downloads from `url` through the proxy for up to `seconds` and reports Mbit/s over the bytes received after the
 * response headers. Never rejects.
 */
export async function measureThroughput(
  target: HealthTarget,
  options: { url: string; seconds: number; signal?: AbortSignal; timeoutMs?: number },
): Promise<{ mbps?: number; bytes: number; seconds: number; error?: string }> {
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    return { bytes: 0, seconds: 0, error: 'the download address is not a URL' }
  }
  const limit = deadline(options.timeoutMs ?? options.seconds * 1000 + DEFAULT_TIMEOUT_MS, options.signal)
  const sockets = new Set<Socket>()
  const holder: { dispatcher?: Requester } = {}
  let bytes = 0
  let began = 0
  try {
    const { dispatcher } = await openThroughProxy(target, url, limit.signal, sockets)
    holder.dispatcher = dispatcher
    const res = await abortable(dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET', signal: limit.signal }), limit.signal)
    if (res.statusCode < 200 || res.statusCode > 299) {
      res.body.destroy()
      return { bytes: 0, seconds: 0, error: `the download answered HTTP ${res.statusCode}` }
    }
    began = performance.now()
    const stopAt = began + options.seconds * 1000
    await abortable(
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
      }),
      limit.signal,
    )
    const seconds = (performance.now() - began) / 1000
    return { mbps: seconds > 0 ? Math.round(((bytes * 8) / 1e6 / seconds) * 100) / 100 : 0, bytes, seconds }
  } catch (err) {
    const stopped = limit.reason()
    if (stopped === 'timeout' && bytes > 0 && began > 0) {
      const seconds = (performance.now() - began) / 1000
      return { mbps: Math.round(((bytes * 8) / 1e6 / seconds) * 100) / 100, bytes, seconds }
    }
    return { bytes, seconds: 0, error: stopped ? HEALTH_STATUS_MESSAGES[stopped] : messageFor(classifyError(err).status, classifyError(err).detail) }
  } finally {
    limit.dispose()
    await destroyQuietly(holder.dispatcher, sockets)
  }
}
