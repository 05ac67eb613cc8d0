/**
 * The phone gate: one action at a time per phone, and at least the gap between the end of one action and the
 * start of the next on the same phone. A reboot sent a second after a change of IP is lost (the phone is busy
 * changing), so commands that would hit the same phone twice in a short time are spaced, not fired together.
 *
 * The app builds ONE gate (wiring.ts) and hands it to bulk runs and rules alike, so a rule never fires into a
 * phone a bulk run is acting on. Waiters are served first come, first served, per phone.
 */
import type { PhoneGate } from './types'

export interface PhoneGateOptions {
  /** The least gap in ms; a function so a settings change applies to the next action. */
  gapMs: number | (() => number)
  now?: () => number
}

interface Waiter {
  grant(release: () => void): void
}

interface Phone {
  held: boolean
  /** When the last action on it ended. */
  lastEnd?: number
  waiters: Waiter[]
  /** Set while the first waiter waits out the gap. */
  timer?: NodeJS.Timeout
}

/** Idle phones are forgotten once the gap since their last action has passed; looked for past this many. */
const SWEEP_ABOVE = 1_024

export function createPhoneGate(options: PhoneGateOptions): PhoneGate {
  const now = options.now ?? Date.now
  const gap = typeof options.gapMs === 'function' ? options.gapMs : () => options.gapMs as number
  const phones = new Map<string, Phone>()

  const phoneOf = (id: string): Phone => {
    let phone = phones.get(id)
    if (!phone) {
      if (phones.size >= SWEEP_ABOVE) sweep()
      phone = { held: false, waiters: [] }
      phones.set(id, phone)
    }
    return phone
  }

  const readyIn = (phone: Phone): number => (phone.lastEnd === undefined ? 0 : phone.lastEnd + Math.max(0, gap()) - now())

  const releaseOf = (id: string, phone: Phone): (() => void) => {
    let released = false
    return () => {
      if (released) return
      released = true
      phone.held = false
      phone.lastEnd = now()
      pump(id, phone)
    }
  }

  /** Hands the phone to its first waiter once it is free and the gap has passed. */
  function pump(id: string, phone: Phone): void {
    if (phone.held || phone.timer || phone.waiters.length === 0) return
    const wait = readyIn(phone)
    if (wait > 0) {
      phone.timer = setTimeout(() => {
        phone.timer = undefined
        pump(id, phone)
      }, wait)
      return
    }
    const waiter = phone.waiters.shift()!
    phone.held = true
    waiter.grant(releaseOf(id, phone))
  }

  function sweep(): void {
    for (const [id, phone] of phones) if (!phone.held && phone.waiters.length === 0 && readyIn(phone) <= 0) phones.delete(id)
  }

  return {
    acquire(connectionId, signal) {
      if (signal.aborted) return Promise.reject(signal.reason)
      const phone = phoneOf(connectionId)
      return new Promise<() => void>((resolve, reject) => {
        const onAbort = () => {
          const at = phone.waiters.indexOf(waiter)
          if (at >= 0) phone.waiters.splice(at, 1)
          // Nobody left to wait for: no timer keeps the process (the command line) alive.
          if (phone.waiters.length === 0 && phone.timer) {
            clearTimeout(phone.timer)
            phone.timer = undefined
          }
          reject(signal.reason)
        }
        const waiter: Waiter = {
          grant: (release) => {
            signal.removeEventListener('abort', onAbort)
            resolve(release)
          },
        }
        signal.addEventListener('abort', onAbort, { once: true })
        phone.waiters.push(waiter)
        pump(connectionId, phone)
      })
    },

    tryAcquire(connectionId) {
      const phone = phoneOf(connectionId)
      if (phone.held || phone.waiters.length > 0 || readyIn(phone) > 0) return undefined
      phone.held = true
      return releaseOf(connectionId, phone)
    },

    busy: (connectionId) => phones.get(connectionId)?.held === true,
  }
}
