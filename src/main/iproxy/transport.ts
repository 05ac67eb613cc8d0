/**
 * One HTTP exchange with the Console API, made resilient: undici over a keep-alive agent, a timeout per attempt,
 * the caller's AbortSignal, retries where repeating is safe, typed errors, and zod on the way out.
 *
 * Repeating rules: a GET (reads only) is retried on network failures, timeouts, 408, 429 and 5xx. Anything
 * else (POST, DELETE, executing an action link) is retried only when the request provably never left
 * (connection refused, name not resolved): after a timeout or a reset, the server may already have acted.
 */
import { Agent, request, type Dispatcher } from 'undici'
import type { z } from 'zod'
import { maskSecrets } from '../log'
import {
  abortError,
  connectionError,
  errorFromStatus,
  IproxyResponseError,
  IproxyResponseTooLargeError,
  readServerBody,
  timeoutError,
  type IproxyError,
  type RequestContext,
} from './api-errors'
import { formatBytes, readBodyAtMost } from './read-body'
import { backoffDelayMs, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfterMs, provablyNeverSent, sleep } from './retry'
import { parseResponse } from './validate'

/** Options every call takes as its last argument. */
export interface CallOptions {
  /** Cancels the call (including any wait between retries); it then rejects with `IproxyAbortError`. */
  signal?: AbortSignal
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number
  /** Overrides the client's retries for this call (the fleet watch: one request per cycle, it polls again anyway). */
  maxRetries?: number
}

/** Where one call's time went; reported through the client's `onTiming` option (used by the benchmark). */
export interface RequestTiming {
  method: string
  path: string
  status: number
  attempts: number
  /** From the first attempt to the parsed result. */
  totalMs: number
  /** `JSON.parse` of the answer. */
  jsonMs: number
  /** zod parsing of the answer. */
  schemaMs: number
  bytes: number
}

export interface TransportConfig {
  apiKey: string
  /** Ends with `/`. */
  baseUrl: URL
  timeoutMs: number
  maxRetries: number
  retryBaseDelayMs: number
  retryMaxDelayMs: number
  /** When absent the transport owns a keep-alive Agent and closes it in `close()`. */
  dispatcher?: Dispatcher
  userAgent: string
  /** The largest answer read, in bytes; a larger one fails with IproxyResponseTooLargeError (read-body.ts). */
  maxResponseBytes: number
  log?: (line: string) => void
  onTiming?: (timing: RequestTiming) => void
}

export interface ApiRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'DELETE'
  /** Relative to the base URL, starting with `/`, path segments already encoded. */
  path: string
  query?: Record<string, string | undefined>
  /** Already validated; sent as JSON. */
  body?: unknown
  schema: S
  /** An absolute URL used instead of base + path, sent without the API key (action links). */
  externalUrl?: URL
  /** Path shown in errors and logs instead of `path` (to hide a secret in the URL). */
  displayPath?: string
  /** Whether transient failures may be retried; defaults to `method === 'GET'`. */
  idempotent?: boolean
}

export interface Transport {
  send<S extends z.ZodType>(req: ApiRequest<S>, options?: CallOptions): Promise<z.output<S>>
  close(): Promise<void>
}

type AttemptResult =
  | { kind: 'answer'; status: number; headers: Record<string, string | string[] | undefined>; text: string }
  | { kind: 'failed'; error: IproxyError; retryableIfIdempotent: boolean; neverSent: boolean }

/** At least MAX_BULK_CONCURRENCY (shared/bulk.ts). */
const API_SOCKETS = 50

export function createTransport(config: TransportConfig): Transport {
  // Sockets to the API: as many as a bulk run may have calls in flight (its concurrency goes up to 50); with 8, a
  // run at 20 made its commands queue for a socket and took 2.7x as long (bench:bulk's UI run).
  const ownedAgent = config.dispatcher ? undefined : new Agent({ keepAliveTimeout: 10_000, connections: API_SOCKETS })
  const dispatcher: Dispatcher = config.dispatcher ?? (ownedAgent as Agent)
  const log = config.log
    ? (line: string) => config.log?.(maskSecrets(config.apiKey === '' ? line : line.split(config.apiKey).join('***')))
    : undefined

  function headersFor(req: ApiRequest<z.ZodType>): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': config.userAgent }
    if (!req.externalUrl) headers.authorization = `Bearer ${config.apiKey}`
    if (req.body !== undefined) headers['content-type'] = 'application/json'
    return headers
  }

  function urlFor(req: ApiRequest<z.ZodType>): URL {
    const url = req.externalUrl ? new URL(req.externalUrl) : new URL(req.path.replace(/^\//, ''), config.baseUrl)
    const query = Object.entries(req.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined)
    if (query.length > 0) url.search = new URLSearchParams(query).toString()
    return url
  }

  async function attempt(
    url: URL,
    req: ApiRequest<z.ZodType>,
    headers: Record<string, string>,
    ctx: RequestContext,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort(new Error('attempt timed out'))
    }, timeoutMs)
    const onCallerAbort = (): void => controller.abort(new Error('cancelled by the caller'))
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true })
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        dispatcher,
        signal: controller.signal,
      })
      // The body is read inside the attempt so the timeout and the caller's signal cover a slow download too.
      // An answer past the cap is not read on (the connection is closed) and not retried: it would be as large again.
      let text: string | undefined
      if (Number(res.headers['content-length']) > config.maxResponseBytes) res.body.destroy()
      else text = await readBodyAtMost(res.body, config.maxResponseBytes)
      if (text === undefined) return { kind: 'failed', error: tooLargeError(ctx), retryableIfIdempotent: false, neverSent: false }
      return { kind: 'answer', status: res.statusCode, headers: res.headers, text }
    } catch (err) {
      if (callerSignal?.aborted) return { kind: 'failed', error: abortError(ctx), retryableIfIdempotent: false, neverSent: false }
      if (timedOut) return { kind: 'failed', error: timeoutError(ctx, timeoutMs), retryableIfIdempotent: true, neverSent: false }
      return { kind: 'failed', error: connectionError(err, ctx), retryableIfIdempotent: true, neverSent: provablyNeverSent(err) }
    } finally {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', onCallerAbort)
    }
  }

  function tooLargeError(ctx: RequestContext): IproxyResponseTooLargeError {
    const cap = formatBytes(config.maxResponseBytes)
    return new IproxyResponseTooLargeError(
      `iProxy's answer to ${ctx.method} ${ctx.path} was larger than ${cap}, the most this app reads in one answer, so it was not read. ` +
        'The API address in this profile may point at the wrong server.',
      { status: 0, method: ctx.method, path: ctx.path, maxBytes: config.maxResponseBytes },
    )
  }

  function parseAnswer<S extends z.ZodType>(
    req: ApiRequest<S>,
    ctx: RequestContext,
    status: number,
    text: string,
  ): { value: z.output<S>; jsonMs: number; schemaMs: number } {
    const jsonStart = performance.now()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      const snippet = text.length > 200 ? `${text.slice(0, 200)}…` : text
      throw new IproxyResponseError(
        `iProxy answered ${ctx.method} ${ctx.path} with something that is not JSON (HTTP ${status}${text.trim() === '' ? ', empty body' : ''}). ` +
          'The API address in this profile may point at the wrong server.',
        { status, method: ctx.method, path: ctx.path, serverBody: readServerBody(snippet, config.apiKey).body },
      )
    }
    const schemaStart = performance.now()
    const value = parseResponse(req.schema, json, ctx, status)
    return { value, jsonMs: schemaStart - jsonStart, schemaMs: performance.now() - schemaStart }
  }

  async function send<S extends z.ZodType>(req: ApiRequest<S>, options: CallOptions = {}): Promise<z.output<S>> {
    const url = urlFor(req)
    const ctx: RequestContext = { method: req.method, path: req.displayPath ?? req.path, host: url.host, apiKey: config.apiKey }
    const signal = options.signal
    if (signal?.aborted) throw abortError(ctx)
    const timeoutMs = options.timeoutMs ?? config.timeoutMs
    const idempotent = req.idempotent ?? req.method === 'GET'
    const headers = headersFor(req)
    const maxAttempts = (options.maxRetries ?? config.maxRetries) + 1
    const started = performance.now()

    for (let attemptNo = 1; ; attemptNo++) {
      log?.(`→ ${ctx.method} ${ctx.path} attempt ${attemptNo}/${maxAttempts} headers=${JSON.stringify({ ...headers, ...(headers.authorization ? { authorization: 'Bearer ***' } : {}) })}`)
      const outcome = await attempt(url, req, headers, ctx, timeoutMs, signal)

      let error: IproxyError
      let retryable: boolean
      let retryAfterMs: number | undefined
      if (outcome.kind === 'answer') {
        log?.(`← ${ctx.method} ${ctx.path} HTTP ${outcome.status} (${outcome.text.length} bytes)`)
        if (outcome.status >= 200 && outcome.status < 300) {
          const { value, jsonMs, schemaMs } = parseAnswer(req, ctx, outcome.status, outcome.text)
          config.onTiming?.({
            method: ctx.method, path: ctx.path, status: outcome.status, attempts: attemptNo,
            totalMs: performance.now() - started, jsonMs, schemaMs, bytes: outcome.text.length,
          })
          return value
        }
        retryAfterMs = parseRetryAfterMs(outcome.headers['retry-after'])
        error = errorFromStatus(outcome.status, readServerBody(outcome.text, config.apiKey), ctx, retryAfterMs)
        retryable = idempotent && isRetryableStatus(outcome.status)
      } else {
        log?.(`✗ ${ctx.method} ${ctx.path} ${outcome.error.code}`)
        error = outcome.error
        retryable = (idempotent && outcome.retryableIfIdempotent) || outcome.neverSent
      }

      if (!retryable || attemptNo >= maxAttempts) throw error
      // A server asking for a long pause gets it from the user, who sees the wait in the message, not from a
      // UI that hangs for minutes.
      if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) throw error
      const waitMs = retryAfterMs ?? backoffDelayMs(attemptNo, { baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.retryMaxDelayMs })
      log?.(`  retrying ${ctx.method} ${ctx.path} in ${waitMs} ms after ${error.code}`)
      try {
        await sleep(waitMs, signal)
      } catch {
        throw abortError(ctx)
      }
    }
  }

  return {
    send,
    close: async () => {
      await ownedAgent?.close()
    },
  }
}
