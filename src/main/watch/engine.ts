/**
 * The fleet watch engine (plain Node, no electron): the desktop app builds one in wiring.ts, `iproxy watch` builds
 * the same with no window.
 *
 * Each cycle makes exactly ONE request, `GET /connections-status`, whatever the fleet size, with no retry of its
 * own (the next cycle is the retry). What it sees is recorded in the history (status changes, as the app records
 * the page's polls) and turned into events by detect.ts and detect-api.ts; the events are stored in the history
 * and handed to the AlertSink as one batch per cycle, never awaited (delivery and its retries run on their own).
 *
 * Names and plan ends come from the connections list, read at the first cycle and then at most every
 * `connectionsEveryMs` (30 min): one more request in those few cycles, none per connection. Events stored without
 * a name get it from the history's names when read (history/watch-events.ts).
 *
 * `check_failed` (scheduled-checks.ts), `ip_not_changed` (reportIpNotChanged), `ip_repeated` (reportIpRepeated) and
 * a rule's `rule_alert` (raise) come between cycles: they wait in `pending` and go out with the next cycle's batch,
 * or on their own a moment later if no cycle comes first. After each cycle `onCycle` listeners (the rules) are told
 * what it saw.
 */
import { MIN_INTERVAL_SECONDS, type WatchEvent, type WatchSettings, type WatchStatus } from '../../shared/watch'
import type { HistoryStore } from '../history'
import { IproxyRateLimitError, type IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import { detectApiAnswer, detectApiFailure, emptyApiMemory } from './detect-api'
import { detectPlanEvents, detectStatusEvents, emptyFleetMemory, fleetCounts, planKey, type PlanInfo } from './detect'
import type { ScheduledChecks } from './scheduled-checks'
import type { AlertSink, WatchEngine } from './types'

export const CONNECTIONS_EVERY_MS = 30 * 60_000
/** A failed read of the connections list is tried again after this. */
const CONNECTIONS_RETRY_MS = 5 * 60_000
/** The poll's timeout: a cycle never runs into the next one, nor hangs for the client's 20 s default. */
const MAX_POLL_TIMEOUT_MS = 15_000
/** Events raised between cycles go out after this if no cycle comes first. */
const PENDING_FLUSH_MS = 1_000
/** stop() waits this long for a cycle in flight before cancelling its request. */
const STOP_GRACE_MS = 5_000

export interface WatchEngineOptions {
  /** The active profile's client; undefined (no profile) leaves the engine idle. */
  client: () => IproxyClient | undefined
  history: HistoryStore
  settings: () => Promise<WatchSettings>
  alerts: AlertSink
  log: Logger
  /** The events' clock (ms); tests drive it. */
  now?: () => number
  connectionsEveryMs?: number
  /** The least interval honoured (MIN_INTERVAL_SECONDS unless a benchmark lowers it). */
  minIntervalMs?: number
  /** Scheduled checks of the proxies, ticked every cycle (off unless given and enabled in the settings). */
  checks?: ScheduledChecks
}

/** What one cycle saw, for those who act on the fleet after it (the rules): its time and each phone as known then. */
export interface WatchCycle {
  at: number
  phones: ReadonlyArray<{ connectionId: string; status: string; name?: string; country?: string; city?: string }>
}

export interface FullWatchEngine extends WatchEngine {
  /** Emits the status now (after alerts were paused or resumed: the status carries `pausedUntil`). */
  refreshStatus(): void
  /** Adds events raised outside the cycle (scheduled checks) to the next batch. */
  raise(events: readonly WatchEvent[]): void
  /** Called after every cycle, once its events were handed out (the rules tick here). */
  onCycle(listener: (cycle: WatchCycle) => void): () => void
}

export function createWatchEngine(options: WatchEngineOptions): FullWatchEngine {
  const clock = options.now ?? Date.now
  const log = options.log
  const fleet = emptyFleetMemory()
  const api = emptyApiMemory()
  const names = new Map<string, string>()
  /** Each connection's server location, from the connections list (a rule's scope may filter on it). */
  const places = new Map<string, { country: string; city: string }>()
  let plans: PlanInfo[] = []
  let plansAlerted: Set<string> | undefined
  let connectionsDueAt = 0
  let pending: WatchEvent[] = []
  let pendingTimer: NodeJS.Timeout | undefined
  let started = false
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<WatchEvent[]> | undefined
  let poll: AbortController | undefined
  let current: WatchStatus = { running: false, state: 'unknown', counts: { total: 0, online: 0, offline: 0 } }
  const statusListeners = new Set<(status: WatchStatus) => void>()
  const eventListeners = new Set<(events: WatchEvent[]) => void>()
  const cycleListeners = new Set<(cycle: WatchCycle) => void>()

  const intervalOf = (s: WatchSettings) => Math.max(options.minIntervalMs ?? MIN_INTERVAL_SECONDS * 1000, s.intervalSeconds * 1000)

  function status(): WatchStatus {
    const paused = options.alerts.pausedUntil()
    const { pausedUntil: _old, ...rest } = current
    return paused !== undefined && paused > clock() ? { ...rest, pausedUntil: paused } : rest
  }

  function emitStatus(): void {
    const s = status()
    for (const listener of statusListeners) {
      try {
        listener(s)
      } catch (err) {
        log('a watch status listener failed', err)
      }
    }
  }

  /** Stores the batch, hands it to the alerts (not awaited) and the listeners; the stored events. */
  function publish(events: WatchEvent[]): WatchEvent[] {
    if (events.length === 0) return []
    let stored = events
    try {
      stored = options.history.recordWatchEvents(events)
    } catch (err) {
      log(`could not store ${events.length} watch events in the history`, err)
    }
    try {
      options.alerts.deliver(stored)
    } catch (err) {
      log('the alerts refused a batch of watch events', err)
    }
    for (const listener of eventListeners) {
      try {
        listener(stored)
      } catch (err) {
        log('a watch events listener failed', err)
      }
    }
    return stored
  }

  function takePending(): WatchEvent[] {
    if (pendingTimer) clearTimeout(pendingTimer)
    pendingTimer = undefined
    const taken = pending
    pending = []
    return taken
  }

  function raise(events: readonly WatchEvent[]): void {
    if (events.length === 0) return
    pending.push(...events.map((e) => (e.connectionId && !e.connectionName && names.has(e.connectionId) ? { ...e, connectionName: names.get(e.connectionId)! } : e)))
    pendingTimer ??= setTimeout(() => {
      pendingTimer = undefined
      // A cycle in flight takes them with its batch.
      if (!inFlight) publish(takePending())
    }, PENDING_FLUSH_MS)
    pendingTimer.unref?.()
  }

  async function refreshConnections(client: IproxyClient, now: number): Promise<void> {
    try {
      const list = await client.connections.list({ maxRetries: 0, timeoutMs: MAX_POLL_TIMEOUT_MS, ...(poll ? { signal: poll.signal } : {}) })
      names.clear()
      places.clear()
      plans = []
      for (const c of list) {
        names.set(c.id, c.basic_info.name)
        const geo = c.basic_info.server_geo
        if (geo) places.set(c.id, { country: geo.country, city: geo.city })
        const endsAt = Date.parse(c.plan_info?.active_plan?.expires_at ?? '')
        if (Number.isFinite(endsAt)) plans.push({ connectionId: c.id, name: c.basic_info.name, endsAt })
      }
      connectionsDueAt = now + (options.connectionsEveryMs ?? CONNECTIONS_EVERY_MS)
      try {
        options.history.recordConnectionNames(list.map((c) => ({ connectionId: c.id, name: c.basic_info.name })))
      } catch (err) {
        log('could not record the connection names in the history', err)
      }
    } catch (err) {
      connectionsDueAt = now + CONNECTIONS_RETRY_MS
      if (err instanceof IproxyRateLimitError) api.limitedUntil = now + (err.retryAfterMs ?? CONNECTIONS_RETRY_MS)
      log('the watch could not read the connections list (names, plan ends); it tries again later', err)
    }
  }

  /** Plans already alerted for (from the history), so a restart does not repeat them. */
  function alertedPlans(now: number, withinMs: number): Set<string> {
    if (plansAlerted) return plansAlerted
    plansAlerted = new Set()
    try {
      const { events } = options.history.watchEvents({ kinds: ['plan_expiring'], from: now - withinMs - 86_400_000, limit: 5_000 })
      for (const e of events) if (e.connectionId && typeof e.data?.planEndsAt === 'number') plansAlerted.add(planKey(e.connectionId, e.data.planEndsAt))
    } catch (err) {
      log('could not read the plan alerts already raised', err)
    }
    return plansAlerted
  }

  function emitCycle(at: number): void {
    if (cycleListeners.size === 0) return
    const phones = [...fleet.phones].map(([connectionId, phone]) => {
      const name = names.get(connectionId)
      return { connectionId, status: phone.status, ...(name !== undefined ? { name } : {}), ...places.get(connectionId) }
    })
    for (const listener of cycleListeners) {
      try {
        listener({ at, phones })
      } catch (err) {
        log('a watch cycle listener failed', err)
      }
    }
  }

  async function cycle(): Promise<WatchEvent[]> {
    const settings = await options.settings()
    const client = options.client()
    const events: WatchEvent[] = []
    const now = clock()
    if (!client || !settings.enabled) {
      current = { ...current, running: false, lastCycleAt: now }
      const stored = publish(takePending())
      emitStatus()
      emitCycle(now)
      return stored
    }
    const intervalMs = intervalOf(settings)
    if (api.limitedUntil === undefined || now >= api.limitedUntil) {
      poll = new AbortController()
      try {
        const answer = await client.connections.statuses({ maxRetries: 0, timeoutMs: Math.min(MAX_POLL_TIMEOUT_MS, intervalMs), signal: poll.signal })
        const at = clock()
        events.push(...detectApiAnswer(api, at))
        try {
          options.history.recordStatuses(answer, at)
        } catch (err) {
          log('could not record the connection statuses in the history', err)
        }
        if (at >= connectionsDueAt) await refreshConnections(client, at)
        events.push(...detectStatusEvents(fleet, answer, at, { offlineAfterMs: settings.offlineAfterSeconds * 1000, nameOf: (id) => names.get(id) }))
        const withinMs = settings.planExpiringHours * 3_600_000
        events.push(...detectPlanEvents(plans, at, withinMs, alertedPlans(at, withinMs)))
        current = { ...current, counts: fleetCounts(fleet) }
      } catch (err) {
        const failed = detectApiFailure(api, err, clock(), intervalMs)
        events.push(...failed.events)
        if (failed.events.length > 0 || !api.unreachable) log('the watch could not read the connection statuses', err)
      } finally {
        poll = undefined
      }
    }
    options.checks?.tick(clock(), client, settings)
    const counts = current.counts
    const state = api.unreachable ? 'api_unreachable' : !fleet.started ? 'unknown' : counts.offline > 0 ? 'some_offline' : 'all_online'
    current = { running: started, state, counts, lastCycleAt: clock() }
    const stored = publish([...takePending(), ...events])
    emitStatus()
    emitCycle(current.lastCycleAt!)
    return stored
  }

  function runCycle(): Promise<WatchEvent[]> {
    inFlight ??= cycle().finally(() => (inFlight = undefined))
    return inFlight
  }

  /** The next cycle: one interval on, or when a rate limit ends if that is later. */
  async function scheduleNext(): Promise<void> {
    if (!started) return
    let delay = MIN_INTERVAL_SECONDS * 1000
    try {
      delay = intervalOf(await options.settings())
    } catch (err) {
      log('could not read the watch settings', err)
    }
    if (api.limitedUntil !== undefined) delay = Math.max(delay, api.limitedUntil - clock())
    if (!started) return
    timer = setTimeout(() => {
      timer = undefined
      void runCycle()
        .catch((err: unknown) => log('a watch cycle failed', err))
        .finally(() => void scheduleNext())
    }, delay)
  }

  return {
    start() {
      if (started) return
      started = true
      current = { ...current, running: true }
      timer = setTimeout(() => {
        timer = undefined
        void runCycle()
          .catch((err: unknown) => log('a watch cycle failed', err))
          .finally(() => void scheduleNext())
      }, 0)
    },
    async stop() {
      started = false
      if (timer) clearTimeout(timer)
      timer = undefined
      const running = inFlight
      if (running) {
        let grace: NodeJS.Timeout | undefined
        await Promise.race([running.catch(() => undefined), new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))])
        clearTimeout(grace)
        poll?.abort()
        await running.catch(() => undefined)
      }
      await options.checks?.stop()
      // What came between cycles (a failed check, an unchanged IP) is stored, not lost.
      publish(takePending())
      current = { ...current, running: false }
      emitStatus()
    },
    runCycle,
    status,
    reportIpNotChanged(connectionId, ip) {
      raise([{ kind: 'ip_not_changed', at: clock(), connectionId, data: { ip } }])
    },
    reportIpRepeated(connectionId, ip, returnedAfterMs) {
      raise([{ kind: 'ip_repeated', at: clock(), connectionId, data: { ip, returnedAfterMs } }])
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    onEvents(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    onCycle(listener) {
      cycleListeners.add(listener)
      return () => cycleListeners.delete(listener)
    },
    refreshStatus: emitStatus,
    raise,
  }
}
