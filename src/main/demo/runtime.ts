/**
 * What a state mutation may touch besides the state itself: the proxy listeners, the timers, the timing knobs,
 * and the server's own address (action links point back at it).
 */
import type { ProxyListenerPool } from './proxy-listeners'
import type { SimState } from './state/store'
import type { Scheduler } from './timers'

export interface SimTiming {
  /** How long a rebooting phone stays offline before it is back online (with a new IP). */
  rebootOfflineMs: number
}

export const DEFAULT_TIMING: SimTiming = { rebootOfflineMs: 2_000 }

export interface SimRuntime {
  state: SimState
  listeners: ProxyListenerPool
  scheduler: Scheduler
  timing: SimTiming
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin(): string
  /** Host reported in proxy accesses (`ip` and `hostname`): where the listeners are. */
  proxyHost: string
}
