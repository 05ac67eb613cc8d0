/**
 * What a failed (or recovered) poll of the Console API means for the watch, pure like detect.ts:
 *
 * - 5xx, no answer, a timeout, or an answer that is not the documented JSON: the API is unreachable. One failed
 *   poll can be a blip, so `api_unreachable` is raised when API_FAILURES_BEFORE_ALERT polls in a row failed;
 *   a refused key (401/403) is raised at once, since it will not mend itself.
 * - 429: `rate_limited`, once per run of limited answers; the next poll waits for Retry-After (or, without one,
 *   for twice the interval), so a limited API is never asked again before it said.
 * - The first answer after `api_unreachable`: `api_recovered`. While the API is unreachable the watch has no
 *   statuses, so no per-connection events can come (and phones' outages are counted again from the recovery).
 */
import { IproxyAbortError, IproxyAuthError, IproxyError, IproxyRateLimitError } from '../iproxy'
import type { WatchEvent } from '../../shared/watch'

export const API_FAILURES_BEFORE_ALERT = 2

export interface ApiMemory {
  failuresInRow: number
  /** `api_unreachable` was raised and no answer came since. */
  unreachable: boolean
  /** Limited until then (ms); no poll before it. */
  limitedUntil?: number
  /** `rate_limited` was raised and no answer came since. */
  limitedAlerted: boolean
}

export function emptyApiMemory(): ApiMemory {
  return { failuresInRow: 0, unreachable: false, limitedAlerted: false }
}

/** A stable code for why the API failed: `auth`, `http_503`, `unreachable`, `timeout`, `bad_response`, ... */
export function failureReason(err: unknown): string {
  if (err instanceof IproxyAuthError) return 'auth'
  if (err instanceof IproxyError) {
    if (err.code === 'server_error' || err.code === 'http_error') return `http_${err.status}`
    if (err.code === 'connection_failed') return 'unreachable'
    return err.code
  }
  return 'unreachable'
}

/** A poll that failed: the events it raises (at most one) and when the next poll may be made. */
export function detectApiFailure(memory: ApiMemory, err: unknown, now: number, intervalMs: number): { events: WatchEvent[]; notBefore?: number } {
  // The watch stopping cancels its request: not the API's fault.
  if (err instanceof IproxyAbortError) return { events: [] }
  if (err instanceof IproxyRateLimitError) {
    const waitMs = err.retryAfterMs ?? 2 * intervalMs
    memory.limitedUntil = now + waitMs
    if (memory.limitedAlerted) return { events: [], notBefore: memory.limitedUntil }
    memory.limitedAlerted = true
    return { events: [{ kind: 'rate_limited', at: now, data: { retryAfterMs: waitMs } }], notBefore: memory.limitedUntil }
  }
  memory.failuresInRow++
  const reason = failureReason(err)
  if (memory.unreachable) return { events: [] }
  if (reason !== 'auth' && memory.failuresInRow < API_FAILURES_BEFORE_ALERT) return { events: [] }
  memory.unreachable = true
  const status = err instanceof IproxyError ? err.status : 0
  return { events: [{ kind: 'api_unreachable', at: now, data: { reason, ...(status ? { httpStatus: status } : {}), failures: memory.failuresInRow } }] }
}

/** A poll that got an answer: `api_recovered` when the API had been reported unreachable. */
export function detectApiAnswer(memory: ApiMemory, now: number): WatchEvent[] {
  const wasUnreachable = memory.unreachable
  memory.failuresInRow = 0
  memory.unreachable = false
  memory.limitedAlerted = false
  delete memory.limitedUntil
  return wasUnreachable ? [{ kind: 'api_recovered', at: now }] : []
}
