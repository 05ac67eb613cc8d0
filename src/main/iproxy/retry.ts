/**
 * When to try again and how long to wait: jittered exponential backoff, and the server's `Retry-After`.
 */

/** A `Retry-After` longer than this is not waited out: the error reaches the user with the wait in it instead. */
export const MAX_RETRY_AFTER_MS = 30_000

export interface BackoffOptions {
  baseDelayMs: number
  maxDelayMs: number
  random?: () => number
}

/**
 * Delay before retry number `retry` (1 for the first retry): base·2^(retry-1), capped, minus up to 25 % jitter
 * so that many clients failing together do not come back together.
 */
export function backoffDelayMs(retry: number, { baseDelayMs, maxDelayMs, random = Math.random }: BackoffOptions): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.round(exponential * (1 - 0.25 * random()))
}

/**
 * `Retry-After` in milliseconds: delta-seconds (`"5"`, `"1.5"`) or an HTTP date. `undefined` when absent or
 * unreadable; a date in the past gives 0.
 */
export function parseRetryAfterMs(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  // An HTTP date always names its day and month; anything else (e.g. "-3") is not one, whatever Date.parse thinks.
  if (!/[a-z]/i.test(value)) return undefined
  const at = Date.parse(value)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

/** Statuses worth another try for a request that is safe to repeat. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * Network error codes that prove the request never reached the server: the connection was refused or the host
 * name did not resolve, so no byte of the request was written. Only these make a POST or DELETE safe to repeat.
 */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

export function networkErrorCode(err: unknown): string | undefined {
  // undici surfaces the socket's error itself, sometimes wrapped in `cause`; Happy Eyeballs gives an AggregateError.
  const seen = new Set<unknown>()
  let current: unknown = err
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown }
    if (typeof code === 'string') return code
    current = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause
  }
  return undefined
}

export function provablyNeverSent(err: unknown): boolean {
  const code = networkErrorCode(err)
  return code !== undefined && NEVER_SENT_CODES.has(code)
}

/** Waits `ms`, or rejects with `signal.reason` as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
