/**
 * The current time, ticking once a minute, for relative times ("2 min ago") that must not go stale. One timer
 * for the whole window however many times are on screen; it runs only while something listens.
 */
import { useSyncExternalStore } from 'react'

const TICK_MS = 60_000
const listeners = new Set<() => void>()
let now = Date.now()
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (!timer) {
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      for (const notify of listeners) notify()
    }, TICK_MS)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, () => now)
}
