/**
 * Every delayed state change of the simulator (a rebooting phone coming back online) goes through one
 * scheduler, so `stop()` can cancel them all and a test leaves no timer behind.
 */
export interface Scheduler {
  after(ms: number, run: () => void): void
  clearAll(): void
  pendingCount(): number
}

export function createScheduler(): Scheduler {
  const timers = new Set<NodeJS.Timeout>()
  return {
    after(ms, run) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        run()
      }, ms)
      timers.add(timer)
    },
    clearAll() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
    pendingCount: () => timers.size,
  }
}
