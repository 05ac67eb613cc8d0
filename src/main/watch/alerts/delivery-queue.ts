/**
 * A queue that delivers items one at a time, in order, retrying each with backoff until it is taken: one per
 * webhook URL, one for Telegram. An item leaves the queue only once delivered (or given up after the last
 * attempt, logged), and the next one waits behind it, so nothing is lost while a target is down and nothing is
 * sent twice. The queue is bounded: past `maxQueued` new items are dropped with a log line, never memory.
 */
import { backoffDelayMs } from '../../iproxy/retry'
import type { Logger } from '../../log'

export interface DeliveryTuning {
  /** First retry after this, doubling each time (minus up to 25 % jitter) up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** Attempts per item, the first included; then it is given up (logged). */
  maxAttempts: number
  /** A server's Retry-After is honoured up to this. */
  maxRetryAfterMs: number
  /** One attempt's time limit. */
  timeoutMs: number
  /** Items waiting per queue; more are dropped (logged). */
  maxQueued: number
  /** How long dispose() keeps delivering what is queued before it stops. */
  disposeWaitMs: number
}

/** 1 s, 2 s, 4 s … capped at a minute, 8 attempts: about four minutes of trying before an item is given up. */
export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxAttempts: 8,
  maxRetryAfterMs: 5 * 60_000,
  timeoutMs: 10_000,
  maxQueued: 2_000,
  disposeWaitMs: 5_000,
}

export type AttemptOutcome =
  | { ok: true }
  /** `reason` is a code (`http_500`, `unreachable`, `timeout`, `telegram_error`), never a secret. */
  | { ok: false; retry: boolean; reason: string; retryAfterMs?: number }

export interface DeliveryQueue<T> {
  push(items: readonly T[]): void
  /** Items waiting, the one being tried included. */
  size(): number
  /** Resolves once the queue is empty (tests, dispose). */
  idle(): Promise<void>
  /** Stops: what is queued gets one more try each (no retry waits) until `waitMs`, then the rest is dropped (logged). */
  close(waitMs: number): Promise<void>
}

export interface DeliveryQueueOptions<T> {
  /** Names the target in logs (a webhook's origin, "Telegram"): never a URL with a secret in it. */
  name: string
  attempt: (item: T, signal: AbortSignal) => Promise<AttemptOutcome>
  tuning: DeliveryTuning
  log: Logger
}

export function createDeliveryQueue<T>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> {
  const { name, tuning, log } = options
  const items: T[] = []
  let running = false
  let closing = false
  const stop = new AbortController()
  let wake: (() => void) | undefined
  let idleWaiters: Array<() => void> = []

  function settleIdle(): void {
    if (items.length > 0) return
    for (const resolve of idleWaiters) resolve()
    idleWaiters = []
  }

  /** Waits `ms`, or less when the queue is closed meanwhile. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined
        resolve()
      }, ms)
      wake = () => {
        clearTimeout(timer)
        wake = undefined
        resolve()
      }
    })
  }

  async function run(): Promise<void> {
    if (running) return
    running = true
    try {
      while (items.length > 0 && !stop.signal.aborted) {
        const item = items[0]!
        let attempts = 0
        for (;;) {
          attempts += 1
          let outcome: AttemptOutcome
          try {
            outcome = await options.attempt(item, stop.signal)
          } catch (err) {
            log(`alert to ${name}: the attempt failed unexpectedly`, err)
            outcome = { ok: false, retry: false, reason: 'internal' }
          }
          if (outcome.ok || stop.signal.aborted) break
          if (!outcome.retry || attempts >= tuning.maxAttempts || closing) {
            log(`alert to ${name} not delivered after ${attempts} attempt(s): ${outcome.reason}${closing ? ' (stopping)' : ''}`)
            break
          }
          const backoff = backoffDelayMs(attempts, { baseDelayMs: tuning.baseDelayMs, maxDelayMs: tuning.maxDelayMs })
          const delay = outcome.retryAfterMs === undefined ? backoff : Math.min(tuning.maxRetryAfterMs, Math.max(outcome.retryAfterMs, 0))
          log(`alert to ${name} failed (${outcome.reason}); retry ${attempts} in ${Math.round(delay / 100) / 10} s`)
          await pause(delay)
        }
        // Only now does the item leave: a retry wait never lets the next item overtake it.
        if (items[0] === item) items.shift()
      }
    } finally {
      running = false
      settleIdle()
    }
  }

  return {
    push(newItems) {
      if (closing || newItems.length === 0) return
      const room = Math.max(0, tuning.maxQueued - items.length)
      const taken = newItems.slice(0, room)
      if (taken.length < newItems.length) {
        log(`alerts to ${name}: queue full (${tuning.maxQueued} waiting); dropped ${newItems.length - taken.length} new alert(s)`)
      }
      items.push(...taken)
      void run()
    },
    size: () => items.length,
    idle: () => (items.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async close(waitMs) {
      closing = true
      wake?.()
      if (items.length === 0) return
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs)
      })
      const result = await Promise.race([this.idle().then(() => 'idle' as const), timedOut])
      clearTimeout(timer)
      if (result === 'timeout') {
        const lost = items.length
        stop.abort()
        items.length = 0
        settleIdle()
        log(`alerts to ${name}: stopped with ${lost} alert(s) not delivered`)
      }
    },
  }
}
