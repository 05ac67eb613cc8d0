/**
 * `checkMany(targets, options)`: many checks with bounded concurrency. Results are handed to `onResult` as each
 * finishes; aborting the signal closes the checks in flight and reports every check not yet finished as
 * `cancelled`. Resolves (never rejects) once every target has a result and every socket is closed.
 */
import { getMaxListeners, setMaxListeners } from 'node:events'
import type { HealthCheckResult, HealthTarget, PastedTarget } from '../../shared/health'
import { checkProxy, type CheckOptions } from './check-proxy'

export interface CheckManyOptions<T extends PastedTarget = HealthTarget> {
  concurrency?: number
  timeoutMs?: number
  signal?: AbortSignal
  /** The echo URL for every target, or one per target (e.g. the simulator's echo, or a per-item choice). */
  echoUrl: string | ((index: number) => string)
  /** Extra options per target (expected IP…). */
  optionsFor?: (index: number) => Partial<Pick<CheckOptions, 'expectedIp' | 'throughput'>> | Promise<Partial<Pick<CheckOptions, 'expectedIp' | 'throughput'>>>
  onResult?: (index: number, result: HealthCheckResult) => void
  /**
   * The check itself; checkProxy unless a caller wraps it (e.g. echo-URL fallback). Required for targets whose
   * protocol may be `auto`, which checkProxy cannot speak (checkManyWith below).
   */
  check?: (target: T, options: CheckOptions) => Promise<HealthCheckResult>
}

export const DEFAULT_CONCURRENCY = 50

function cancelledResult(): HealthCheckResult {
  return {
    ok: false,
    status: 'cancelled',
    error: 'The check was cancelled.',
    timings: { totalMs: 0 },
    checkedAt: new Date().toISOString(),
  }
}

export function checkMany(targets: readonly HealthTarget[], options: CheckManyOptions): Promise<HealthCheckResult[]> {
  return checkManyWith(targets, { ...options, check: options.check ?? checkProxy })
}

/** `checkMany` for any target kind, with the check given. */
export async function checkManyWith<T extends PastedTarget>(
  targets: readonly T[],
  options: CheckManyOptions<T> & { check: (target: T, options: CheckOptions) => Promise<HealthCheckResult> },
): Promise<HealthCheckResult[]> {
  const results: HealthCheckResult[] = new Array<HealthCheckResult>(targets.length)
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, targets.length || 1))
  const check = options.check
  // Each check in flight listens on the signal until it ends: up to `concurrency` listeners at once, past node's
  // leak warning (10 by default) though none is leaked. The default's headroom stays for the caller's own.
  const signal = options.signal
  if (signal && getMaxListeners(signal) < concurrency + 10) setMaxListeners(concurrency + 10, signal)
  let next = 0
  const deliver = (index: number, result: HealthCheckResult) => {
    results[index] = result
    try {
      options.onResult?.(index, result)
    } catch {
      // A listener's failure must not stop the batch.
    }
  }

  async function worker(): Promise<void> {
    while (next < targets.length) {
      const index = next++
      if (options.signal?.aborted) {
        deliver(index, cancelledResult())
        continue
      }
      const echoUrl = typeof options.echoUrl === 'function' ? options.echoUrl(index) : options.echoUrl
      let extra: Partial<CheckOptions> = {}
      // Without optionsFor there is nothing to wait for (an `await undefined` would still cost a turn per check).
      if (options.optionsFor) {
        try {
          extra = (await options.optionsFor(index)) ?? {}
        } catch {
          // Extra options are a nicety (e.g. the expected IP): the check runs without them.
        }
      }
      const opts: CheckOptions = { echoUrl, ...extra }
      if (options.timeoutMs !== undefined) opts.timeoutMs = options.timeoutMs
      if (options.signal) opts.signal = options.signal
      let result: HealthCheckResult
      try {
        result = await check(targets[index] as T, opts)
      } catch (err) {
        // checkProxy never rejects; a wrapper might.
        result = {
          ok: false,
          status: 'proxy_error',
          error: `The check failed: ${err instanceof Error ? err.message : String(err)}`,
          timings: { totalMs: 0 },
          checkedAt: new Date().toISOString(),
        }
      }
      deliver(index, result)
    }
  }

  await Promise.all(Array.from({ length: concurrency }, () => worker()))
  return results
}
