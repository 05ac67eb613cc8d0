/**
 * A queue that delivers items in the order they came, retrying each with backoff until it is taken: one per
 * webhook URL, one for Telegram. Each item is owned by one worker from its first attempt to its last, and leaves
 * the queue only once delivered (or given up, logged), so nothing is lost while a target is down and nothing is
 * sent twice. `concurrency` workers run at once (1: strictly one after another, as Telegram's summaries must be;
 * a few for webhooks, so a burst of 500 events to a distant receiver takes seconds, not minutes). The queue is
 * bounded: past `maxQueued` new items are dropped with a log line, never memory.
 */
import { backoffDelayMs } from '../../iproxy/retry'
import type { Logger } from '../../log'

export interface DeliveryTuning {
  /** First retry after this, doubling each time (minus up to 25 % jitter) up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** Attempts per item, the first included; then it is given up (logged). */
  maxAttempts: number
  /**
   * An item still waiting this long after it was queued is dropped unsent (logged): when a target was down for
   * hours, yesterday's "offline" is noise, and the queue behind a dead target must not grow for ever.
   */
  maxAgeMs: number
  /** A server's Retry-After is honoured up to this. */
  maxRetryAfterMs: number
  /** One attempt's time limit. */
  timeoutMs: number
  /** Items waiting per queue; more are dropped (logged). */
  maxQueued: number
  /** How long dispose() keeps delivering what is queued before it stops. */
  disposeWaitMs: number
}

/** 1 s, 2 s, 4 s … capped at a minute, 10 attempts: about five minutes of trying before an item is given up. */
export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxAttempts: 10,
  maxAgeMs: 60 * 60_000,
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
  /** Items tried at the same time; 1 keeps them strictly in order. */
  concurrency?: number
}

export function createDeliveryQueue<T>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> {
  const { name, tuning, log } = options
  const concurrency = Math.max(1, options.concurrency ?? 1)
  /** Not yet tried, oldest first. */
  const waiting: Array<{ item: T; queuedAt: number }> = []
  let inFlight = 0
  let closing = false
  const stop = new AbortController()
  const wakers = new Set<() => void>()
  let idleWaiters: Array<() => void> = []

  const size = (): number => waiting.length + inFlight

  function settleIdle(): void {
    if (size() > 0) return
    for (const resolve of idleWaiters) resolve()
    idleWaiters = []
  }

  function idle(): Promise<void> {
    return size() === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))
  }

  /** Waits `ms`, or less when the queue is closed meanwhile. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        wakers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      wakers.add(wake)
    })
  }

  /** Drops the items at the head that waited past maxAgeMs. */
  function dropStale(): void {
    const limit = Date.now() - tuning.maxAgeMs
    let stale = 0
    while (stale < waiting.length && waiting[stale]!.queuedAt < limit) stale += 1
    if (stale === 0) return
    waiting.splice(0, stale)
    log(`alerts to ${name}: dropped ${stale} alert(s) unsent after waiting ${Math.round(tuning.maxAgeMs / 60_000)} min`)
  }

  /** One item from its first attempt to its last. */
  async function deliverOne(entry: { item: T; queuedAt: number }): Promise<void> {
    for (let attempts = 1; ; attempts += 1) {
      let outcome: AttemptOutcome
      try {
        outcome = await options.attempt(entry.item, stop.signal)
      } catch (err) {
        log(`alert to ${name}: the attempt failed unexpectedly`, err)
        outcome = { ok: false, retry: false, reason: 'internal' }
      }
      if (outcome.ok || stop.signal.aborted) return
      const tooOld = Date.now() - entry.queuedAt > tuning.maxAgeMs
      if (!outcome.retry || attempts >= tuning.maxAttempts || tooOld || closing) {
        log(`alert to ${name} not delivered after ${attempts} attempt(s): ${outcome.reason}${closing ? ' (stopping)' : ''}`)
        return
      }
      const backoff = backoffDelayMs(attempts, { baseDelayMs: tuning.baseDelayMs, maxDelayMs: tuning.maxDelayMs })
      const delay = outcome.retryAfterMs === undefined ? backoff : Math.min(tuning.maxRetryAfterMs, Math.max(outcome.retryAfterMs, 0))
      log(`alert to ${name} failed (${outcome.reason}); retry ${attempts} in ${Math.round(delay / 100) / 10} s`)
      await pause(delay)
    }
  }

  async function worker(): Promise<void> {
    try {
      for (;;) {
        dropStale()
        const entry = waiting.shift()
        if (!entry || stop.signal.aborted) return
        inFlight += 1
        try {
          await deliverOne(entry)
        } finally {
          inFlight -= 1
        }
      }
    } finally {
      workers -= 1
      settleIdle()
    }
  }

  let workers = 0
  function startWorkers(): void {
    // Workers between two items take the waiting ones too; start more only for items no free worker will take.
    while (workers < concurrency && workers - inFlight < waiting.length) {
      workers += 1
      void worker()
    }
  }

  return {
    push(newItems) {
      if (closing || newItems.length === 0) return
      const room = Math.max(0, tuning.maxQueued - size())
      const taken = newItems.slice(0, room)
      if (taken.length < newItems.length) {
        log(`alerts to ${name}: queue full (${tuning.maxQueued} waiting); dropped ${newItems.length - taken.length} new alert(s)`)
      }
      const queuedAt = Date.now()
      waiting.push(...taken.map((item) => ({ item, queuedAt })))
      startWorkers()
    },
    size,
    idle,
    async close(waitMs) {
      closing = true
      for (const wake of [...wakers]) wake()
      if (size() === 0) return
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs)
      })
      const result = await Promise.race([idle().then(() => 'idle' as const), timedOut])
      clearTimeout(timer)
      if (result === 'timeout') {
        const lost = size()
        stop.abort()
        waiting.length = 0
        log(`alerts to ${name}: stopped with ${lost} alert(s) not delivered`)
        await idle()
      }
    },
  }
}
