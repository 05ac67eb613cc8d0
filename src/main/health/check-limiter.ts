/**
 * One cap on the checks running at once across every batch, single check and change-IP run of the health
 * service. Each batch has its own concurrency (its setting, up to 500), but two or three batches started
 * together used to add up: thousands of sockets and file descriptors at once. A check past the cap waits for a
 * slot; a waiting check whose signal aborts leaves the queue at once, so a cancelled batch ends without waiting
 * for slots held by others.
 */

/** Checks in flight at most, all batches together (the most one batch may ask for). */
export const MAX_CONCURRENT_CHECKS = 500

export interface CheckLimiter {
  /** Runs `work` in a slot; resolves to undefined, without running it, when `signal` aborts while it waits. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T | undefined>
  /** Checks running now (tests, diagnostics). */
  readonly active: number
}

export function createCheckLimiter(max: number = MAX_CONCURRENT_CHECKS): CheckLimiter {
  let active = 0
  const waiting: Array<() => void> = []

  function release(): void {
    const next = waiting.shift()
    if (next) next()
    else active -= 1
  }

  /** Resolves true with a slot taken (handed over by `release`), or false when `signal` aborted first. */
  function acquire(signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false)
    if (active < max) {
      active += 1
      return Promise.resolve(true)
    }
    return new Promise<boolean>((resolve) => {
      const granted = () => {
        signal?.removeEventListener('abort', aborted)
        resolve(true)
      }
      const aborted = () => {
        const index = waiting.indexOf(granted)
        if (index >= 0) waiting.splice(index, 1)
        resolve(false)
      }
      waiting.push(granted)
      signal?.addEventListener('abort', aborted, { once: true })
    })
  }

  return {
    async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
      if (!(await acquire(signal))) return undefined
      try {
        return await work()
      } finally {
        release()
      }
    },
    get active() {
      return active
    },
  }
}
