/**
 * The demo account's one unreliable phone, so the fleet watch has something to show: it goes offline for a few
 * minutes on a fixed rhythm (deterministic, counted from the simulator's start) and comes back with a new IP, as
 * a phone that lost its mobile network does. Long enough past the watch's default "offline after" (120 s) to
 * raise an alert and its recovery; off in tests that seed the demo unless they ask for it.
 */
import { changeIp, setStatus } from './state/connections'
import type { SimRuntime } from './runtime'

export interface DemoOutages {
  /** Which phone, by name. */
  connectionName: string
  /** From the start of one outage to the next. */
  everyMs: number
  /** How long each lasts. */
  offlineMs: number
  /** When the first one starts, from the simulator's start. */
  firstAfterMs: number
}

export const DEMO_OUTAGES: DemoOutages = {
  connectionName: 'New York T-Mobile',
  everyMs: 20 * 60_000,
  offlineMs: 3 * 60_000,
  firstAfterMs: 5 * 60_000,
}

/** Schedules the outages on the simulator's scheduler (cancelled by its stop). */
export function startDemoOutages(sim: SimRuntime, outages: DemoOutages = DEMO_OUTAGES): void {
  const phone = [...sim.state.connections.values()].find((c) => c.name === outages.connectionName)
  if (!phone) return
  const goOffline = (): void => {
    if (sim.state.connections.get(phone.id) !== phone) return
    setStatus(sim.state, phone, 'offline')
    sim.scheduler.after(outages.offlineMs, () => {
      if (sim.state.connections.get(phone.id) !== phone) return
      if (!phone.held) changeIp(sim.state, phone)
      setStatus(sim.state, phone, 'online')
    })
    sim.scheduler.after(outages.everyMs, goOffline)
  }
  sim.scheduler.after(outages.firstAfterMs, goOffline)
}
