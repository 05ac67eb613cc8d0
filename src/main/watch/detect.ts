/**
 * The watch's event logic, pure: what one connections-status answer (or one failed poll) means, given what the
 * previous cycles saw. No I/O and no clock of its own, so every rule is tested by feeding it answers and times.
 *
 * Rules (issue 21):
 * - `connection_offline` once a phone has been seen down continuously for `offlineAfterSeconds`, counted by this
 *   machine's clock from the first cycle that saw it down (not the API's `last_online_status_update`, so a skewed
 *   server clock cannot fire or hold alerts). A reboot shorter than that raises nothing.
 * - `connection_online` only for a phone whose `connection_offline` was raised.
 * - Down means `offline`, or `nodata` after the phone was seen up (a connection still being set up is `nodata` from
 *   the start and is not an outage). `flapping` counts as up: it carries traffic between drops.
 * - Phones already down in the first answer the watch gets are its starting point, not news: no alert for them
 *   (else every start of the app would repeat them); an alert comes if they come back and drop again.
 * - A connection that leaves the answer (deleted) is forgotten without an event.
 */
import type { ConnectionStatus } from '../../shared/iproxy'
import type { WatchEvent } from '../../shared/watch'

export interface PhoneState {
  /** Seen up (online or flapping) at least once by this watch. */
  wasUp: boolean
  /** Since when this watch has seen it down (ms), absent while up. */
  downSince?: number
  /** `connection_offline` was raised for the current outage. */
  alerted: boolean
  /** Down in the first answer: not alerted until seen up again. */
  baseline: boolean
  /** The API's status as last seen. */
  status: string
}

export interface FleetMemory {
  phones: Map<string, PhoneState>
  /** At least one answer was read. */
  started: boolean
}

export function emptyFleetMemory(): FleetMemory {
  return { phones: new Map(), started: false }
}

export function isUp(status: string): boolean {
  return status === 'online' || status === 'flapping'
}

export interface StatusRules {
  offlineAfterMs: number
  /** The name to put on an event (from the connections list or the history), when known. */
  nameOf(connectionId: string): string | undefined
}

function named(event: WatchEvent, rules: StatusRules): WatchEvent {
  const name = event.connectionId ? rules.nameOf(event.connectionId) : undefined
  return name ? { ...event, connectionName: name } : event
}

/** Folds one answer into `memory` and returns the events it raises (offline, online), in the answer's order. */
export function detectStatusEvents(memory: FleetMemory, answer: readonly ConnectionStatus[], now: number, rules: StatusRules): WatchEvent[] {
  const events: WatchEvent[] = []
  const first = !memory.started
  memory.started = true
  const seen = new Set<string>()
  for (const entry of answer) {
    const id = entry.connection_id
    seen.add(id)
    const status = String(entry.online_status)
    let phone = memory.phones.get(id)
    const up = isUp(status)
    if (!phone) {
      const down = status === 'offline'
      phone = { wasUp: up, alerted: false, baseline: first && down, status, ...(down ? { downSince: now } : {}) }
      memory.phones.set(id, phone)
      // A phone new to a running watch that is already down: its outage is counted from now.
      if (!down || first) continue
    }
    phone.status = status
    if (up) {
      if (phone.alerted) {
        const offlineSince = phone.downSince ?? now
        events.push(named({ kind: 'connection_online', at: now, connectionId: id, data: { offlineSince, offlineForMs: now - offlineSince, status } }, rules))
      }
      phone.wasUp = true
      phone.alerted = false
      phone.baseline = false
      delete phone.downSince
      continue
    }
    const down = status === 'offline' || (status === 'nodata' && phone.wasUp)
    if (!down) continue
    phone.downSince ??= now
    if (!phone.alerted && !phone.baseline && now - phone.downSince >= rules.offlineAfterMs) {
      phone.alerted = true
      events.push(named({ kind: 'connection_offline', at: now, connectionId: id, data: { offlineSince: phone.downSince, status } }, rules))
    }
  }
  for (const id of memory.phones.keys()) if (!seen.has(id)) memory.phones.delete(id)
  return events
}

/** The fleet's counts as the last answer showed it (flapping counts as online). */
export function fleetCounts(memory: FleetMemory): { total: number; online: number; offline: number } {
  let online = 0
  let offline = 0
  for (const phone of memory.phones.values()) {
    if (isUp(phone.status)) online++
    else if (phone.status === 'offline' || (phone.status === 'nodata' && phone.wasUp)) offline++
  }
  return { total: memory.phones.size, online, offline }
}

// ---------------------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------------------

export interface PlanInfo {
  connectionId: string
  name?: string
  /** The active plan's end (ms). */
  endsAt: number
}

/**
 * `plan_expiring` for each plan ending within `withinMs` that has not had one for this end yet: `alerted` holds
 * `connectionId|endsAt` keys (a prolonged plan has a new end, so a new period gets its own event).
 */
export function detectPlanEvents(plans: readonly PlanInfo[], now: number, withinMs: number, alerted: Set<string>): WatchEvent[] {
  const events: WatchEvent[] = []
  for (const plan of plans) {
    if (plan.endsAt <= now || plan.endsAt - now > withinMs) continue
    const key = planKey(plan.connectionId, plan.endsAt)
    if (alerted.has(key)) continue
    alerted.add(key)
    events.push({
      kind: 'plan_expiring',
      at: now,
      connectionId: plan.connectionId,
      ...(plan.name ? { connectionName: plan.name } : {}),
      data: { planEndsAt: plan.endsAt, hoursLeft: Math.round(((plan.endsAt - now) / 3_600_000) * 10) / 10 },
    })
  }
  return events
}

export function planKey(connectionId: string, endsAt: number): string {
  return `${connectionId}|${endsAt}`
}
