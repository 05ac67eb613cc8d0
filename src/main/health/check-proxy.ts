/**
 * `checkProxy(target, options)`: one request through one proxy to an IP-echo URL. It always resolves, never
 * rejects: every failure becomes a status a person can act on (see HEALTH_STATUSES), and every socket it opened
 * is closed before it resolves, whether it succeeded, failed, timed out or was cancelled.
 *
 * The GET itself, and how each proxy kind is spoken to and timed, is get-through.ts; this file reads the echo's
 * answer, turns failures into statuses, and adds the optional download (throughput.ts).
 *
 * Speed (a batch runs hundreds of these at once; `npm run bench:health` measures it): the echo URL is parsed once
 * per distinct URL, not per check, and the deadline and cancel are one Attempt (attempt.ts) rather than an
 * AbortController with a listener per step.
 */
import { performance } from 'node:perf_hooks'
import type { HealthCheckResult, HealthStatus, HealthTarget, HealthTimings } from '../../shared/health'
import { Attempt, DEFAULT_TIMEOUT_MS, StoppedError } from './attempt'
import { CheckFailure, classifyError, detailFor, messageFor } from './classify'
import { parseEchoBody } from './echo'
import { getRequestFor, getThrough, type AnswerSink, type GetRequest, type Marks } from './get-through'
import { sharedHostResolver } from './resolve-host'
import { measureThroughput } from './throughput'

export { DEFAULT_TIMEOUT_MS } from './attempt'

export interface CheckOptions {
  echoUrl: string
  timeoutMs?: number
  signal?: AbortSignal
  /** The connection's known IP (latest IP-history entry): a different exit IP is flagged. */
  expectedIp?: string
  /** Download through the proxy for up to `seconds` and report Mbit/s. */
  throughput?: { url: string; seconds: number }
  /** Resolves the proxy's host name (resolve-host.ts); the app's shared resolver unless given. */
  resolveHost?: (host: string) => Promise<string>
}

/** Echo answers are small; anything bigger is not an echo. */
const MAX_ECHO_BYTES = 64 * 1024
const ECHO_HEADERS = { accept: 'application/json, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'iProxy-Desktop-health-check' } as const

const round = (ms: number) => Math.round(ms * 10) / 10

/** Echo URLs' GETs made so far (a batch uses one or a few); bounded, in case a caller makes one per check. */
const echoRequests = new Map<string, GetRequest | null>()
const MAX_CACHED_ECHO_URLS = 32

function echoRequestFor(raw: string): GetRequest | undefined {
  let known = echoRequests.get(raw)
  if (known === undefined) {
    known = getRequestFor(raw, ECHO_HEADERS) ?? null
    if (echoRequests.size >= MAX_CACHED_ECHO_URLS) echoRequests.clear()
    echoRequests.set(raw, known)
  }
  return known ?? undefined
}

/** The echo's answer: its status, when its headers came, and its body up to MAX_ECHO_BYTES. */
class EchoAnswer implements AnswerSink {
  statusCode = 0
  headersAt = 0
  tooLarge = false
  private readonly parts: Buffer[] = []
  private size = 0

  head(statusCode: number): boolean {
    this.statusCode = statusCode
    this.headersAt = performance.now()
    return true
  }

  body(chunk: Buffer): boolean {
    this.size += chunk.length
    if (this.size > MAX_ECHO_BYTES) {
      this.tooLarge = true
      return false
    }
    this.parts.push(chunk)
    return true
  }

  text(): string {
    return this.size === 0 ? '' : Buffer.concat(this.parts).toString('utf8')
  }
}

/** `target` with its host name resolved (resolve-host.ts: its own timeout and cache, not the thread pool). */
async function resolvedTarget(target: HealthTarget, resolveHost: (host: string) => Promise<string>): Promise<HealthTarget> {
  let address: string
  try {
    address = await resolveHost(target.host)
  } catch (err) {
    throw new CheckFailure('dns_failed', err instanceof Error ? err.message : String(err))
  }
  return address === target.host ? target : { ...target, host: address }
}

interface Exchange {
  httpStatus: number
  body: string
  timings: Omit<HealthTimings, 'totalMs'>
}

async function exchange(target: HealthTarget, request: GetRequest, attempt: Attempt, start: number, timeoutMs: number): Promise<Exchange> {
  const marks: Marks = {}
  const answer = new EchoAnswer()
  await getThrough(target, request, attempt, marks, timeoutMs, answer)
  if (answer.tooLarge) throw new CheckFailure('bad_echo_response', `the answer is larger than ${MAX_ECHO_BYTES / 1024} KiB`)
  const timings: Omit<HealthTimings, 'totalMs'> = {}
  if (marks.connected !== undefined) timings.connectMs = round(marks.connected - start)
  if (target.protocol === 'socks5') {
    if (marks.greeted !== undefined && marks.connected !== undefined) timings.greetingMs = round(marks.greeted - marks.connected)
    if (marks.authed !== undefined && marks.greeted !== undefined) timings.authMs = round(marks.authed - marks.greeted)
    if (marks.tunnel !== undefined && marks.connected !== undefined) timings.handshakeMs = round(marks.tunnel - marks.connected)
    timings.firstByteMs = round(answer.headersAt - (marks.sent ?? start))
  } else if (marks.tunnel !== undefined) {
    // The tunnel's connector covers the TCP connect and the CONNECT exchange.
    timings.handshakeMs = round(marks.tunnel - (marks.connected ?? start))
    timings.firstByteMs = round(answer.headersAt - marks.tunnel)
  } else {
    timings.firstByteMs = round(answer.headersAt - (marks.connected ?? marks.sent ?? start))
  }
  return { httpStatus: answer.statusCode, body: answer.text(), timings }
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
    if (status !== 'ok') {
      result.error = messageFor(status, detail)
      const raw = detailFor(status, detail)
      if (raw) result.detail = raw
    }
    return result
  }
  if (options.signal?.aborted) return finish('cancelled')
  const request = echoRequestFor(options.echoUrl)
  if (!request) return finish('target_error', { detail: `the echo address ${JSON.stringify(options.echoUrl)} is not an http(s) URL` })
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const attempt = new Attempt(timeoutMs, options.signal)
  try {
    // Inside the attempt: the check's deadline and cancel cover the DNS lookup too.
    const resolved = await attempt.run(resolvedTarget(target, options.resolveHost ?? sharedHostResolver()))
    const ex = await attempt.run(exchange(resolved, request, attempt, start, timeoutMs))
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
      // The echo is done: its deadline must not cut the download (which then read as "cancelled"). The download
      // has a deadline of its own (its seconds plus the check's timeout) and stops early only on the caller's cancel.
      attempt.dispose()
      const speed = await measureThroughput(resolved, {
        ...options.throughput,
        ...(options.signal ? { signal: options.signal } : {}),
        timeoutMs: options.throughput.seconds * 1000 + timeoutMs,
      })
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
