/**
 * One POST of a JSON body with undici, bounded in time and in what is read back, reported as an outcome rather
 * than thrown: the alert channels decide from it whether to retry, and "send a test alert" words it as a code.
 */
import { request, type Dispatcher } from 'undici'
import { networkErrorCode, parseRetryAfterMs } from '../../iproxy/retry'
import { readBodyAtMost } from '../../iproxy/read-body'

/** An answer body worth reading is small (Telegram's JSON, a webhook's "ok"); more is cut, not downloaded. */
const MAX_ANSWER_BYTES = 64 * 1024

export type PostOutcome =
  | { kind: 'answer'; status: number; retryAfterMs?: number; text: string }
  /** No answer: refused, reset, name not resolved (`code` is the system's, e.g. ECONNREFUSED). */
  | { kind: 'unreachable'; code?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }

export interface PostOptions {
  headers?: Record<string, string>
  timeoutMs: number
  dispatcher: Dispatcher
  /** Aborts the request (the sink is shutting down). */
  signal?: AbortSignal
  now?: () => number
}

export async function postJson(url: string, body: unknown, options: PostOptions): Promise<PostOutcome> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new Error('timed out'))
  }, options.timeoutMs)
  const onAbort = (): void => controller.abort(new Error('aborted'))
  options.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'iProxy-Desktop-watch', ...options.headers },
      body: JSON.stringify(body),
      dispatcher: options.dispatcher,
      signal: controller.signal,
    })
    const text = (await readBodyAtMost(res.body, MAX_ANSWER_BYTES)) ?? ''
    const retryAfterMs = parseRetryAfterMs(res.headers['retry-after'], options.now?.() ?? Date.now())
    return retryAfterMs === undefined ? { kind: 'answer', status: res.statusCode, text } : { kind: 'answer', status: res.statusCode, retryAfterMs, text }
  } catch (err) {
    if (timedOut) return { kind: 'timeout' }
    if (options.signal?.aborted) return { kind: 'aborted' }
    const code = networkErrorCode(err)
    return code === undefined ? { kind: 'unreachable' } : { kind: 'unreachable', code }
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
  }
}

/** Statuses worth another try: the server may take it later (overloaded, rate limiting, a timeout of its own). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}

/** An outcome as a test result's reason code: `http_<status>`, `unreachable`, `timeout`. */
export function outcomeReason(outcome: PostOutcome): string | undefined {
  switch (outcome.kind) {
    case 'answer':
      return outcome.status >= 200 && outcome.status < 300 ? undefined : `http_${outcome.status}`
    case 'timeout':
      return 'timeout'
    default:
      return 'unreachable'
  }
}
