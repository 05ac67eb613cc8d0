/**
 * Scheduled checks (off by default): every proxy of the account, or of the chosen connections, checked every N
 * minutes from the exit side, SPREAD over the period (proxy i of n at i/n of it, never all at once), with the
 * health service's check of one proxy (checkProxy through the proxy to the echo, as the Health screen does).
 * Results go into the history as the app's checks do (check-history.ts); a proxy failing `checkFailuresInRow`
 * times in a row raises `check_failed` once, until it passes again.
 *
 * The engine ticks it every cycle, so a check starts within one interval of its slot. The proxies list is read
 * once per period (one request, not one per proxy); checks run in the background, a few at a time.
 */
import type { HealthCheckResult } from '../../shared/health'
import type { ProxyAccess } from '../../shared/iproxy'
import type { WatchEvent, WatchSettings } from '../../shared/watch'
import { checkProxy } from '../health/check-proxy'
import type { HealthHistory } from '../health/history'
import { targetOfAccess } from '../health/rotate'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'

/** Checks in flight at most (each holds a socket through a phone). */
export const SCHEDULED_CHECK_CONCURRENCY = 8

export interface ScheduledChecksOptions {
  /** One check of one proxy (the health service's checker with its echo URL and timeout). */
  check: (access: ProxyAccess, signal: AbortSignal) => Promise<HealthCheckResult>
  /** Where results are kept: the history's check history (check-history.ts). */
  history: HealthHistory
  /** Where `check_failed` goes: the engine's next batch. */
  raise: (events: WatchEvent[]) => void
  log: Logger
  now?: () => number
  concurrency?: number
}

interface Scheduled {
  access: ProxyAccess
  nextAt: number
  failuresInRow: number
  alerted: boolean
}

export interface ScheduledChecks {
  /** Starts the checks whose slot has come (and reads the proxies once a period); never waits for them. */
  tick(now: number, client: IproxyClient, settings: WatchSettings): void
  /** Cancels the checks in flight and waits for them to end. */
  stop(): Promise<void>
  /** Checks in flight now (tests, the benchmark). */
  inFlight(): number
}

export function createScheduledChecks(options: ScheduledChecksOptions): ScheduledChecks {
  const clock = options.now ?? Date.now
  const concurrency = options.concurrency ?? SCHEDULED_CHECK_CONCURRENCY
  let proxies = new Map<string, Scheduled>()
  let listDueAt = 0
  let listing: Promise<void> | undefined
  let controller = new AbortController()
  const running = new Set<Promise<void>>()
  let everyMs = 0

  function reset(): void {
    controller.abort()
    controller = new AbortController()
    proxies = new Map()
    listDueAt = 0
  }

  function readList(client: IproxyClient, now: number, settings: WatchSettings): void {
    const chosen = new Set(settings.scheduledChecks.connectionIds)
    const period = settings.scheduledChecks.everyMinutes * 60_000
    listDueAt = now + period
    listing = client.proxies
      .list({ maxRetries: 0, signal: controller.signal })
      .then((list) => {
        const wanted = list.filter((p) => chosen.size === 0 || chosen.has(p.connection_id))
        const next = new Map<string, Scheduled>()
        wanted.forEach((access, i) => {
          const known = proxies.get(access.id)
          // Spread: proxy i of n gets the slot i/n into the period; a proxy already scheduled keeps its slot and
          // its count (the same object: a check in flight updates it).
          if (known) known.access = access
          next.set(access.id, known ?? { access, nextAt: now + Math.floor((i / wanted.length) * period), failuresInRow: 0, alerted: false })
        })
        proxies = next
      })
      .catch((err: unknown) => {
        // Tried again in a minute; the checks already scheduled go on with the accesses they have.
        listDueAt = clock() + 60_000
        options.log('scheduled checks: could not read the proxies', err)
      })
      .finally(() => (listing = undefined))
  }

  function failedEvent(s: Scheduled, result: HealthCheckResult, at: number): WatchEvent {
    return {
      kind: 'check_failed',
      at,
      connectionId: s.access.connection_id,
      data: { proxyKey: s.access.id, failures: s.failuresInRow, reason: result.status, ...(result.error ? { error: result.error } : {}) },
    }
  }

  function run(s: Scheduled, threshold: number): void {
    const signal = controller.signal
    const job = options
      .check(s.access, signal)
      .then((result) => {
        if (signal.aborted || result.status === 'cancelled') return
        options.history.record(s.access.id, result, s.access.connection_id)
        if (result.ok) {
          s.failuresInRow = 0
          s.alerted = false
          return
        }
        s.failuresInRow++
        if (!s.alerted && s.failuresInRow >= threshold) {
          s.alerted = true
          options.raise([failedEvent(s, result, clock())])
        }
      })
      .catch((err: unknown) => options.log(`scheduled check of ${s.access.id} failed to run`, err))
      .finally(() => running.delete(job))
    running.add(job)
  }

  return {
    tick(now, client, settings) {
      const wanted = settings.scheduledChecks
      const period = wanted.everyMinutes * 60_000
      if (!wanted.enabled || (everyMs !== 0 && everyMs !== period)) reset()
      everyMs = wanted.enabled ? period : 0
      if (!wanted.enabled) return
      if (now >= listDueAt && !listing) readList(client, now, settings)
      const due = [...proxies.values()].filter((s) => s.nextAt <= now).sort((a, b) => a.nextAt - b.nextAt)
      for (const s of due) {
        if (running.size >= concurrency) break
        // The next slot a period on; one far behind (the computer slept) starts again from now.
        s.nextAt = s.nextAt + period > now ? s.nextAt + period : now + period
        run(s, settings.checkFailuresInRow)
      }
    },
    async stop() {
      controller.abort()
      await Promise.allSettled([...running, ...(listing ? [listing] : [])])
      await options.history.flush()
    },
    inFlight: () => running.size,
  }
}

/**
 * The check of one account proxy, as the health service makes it: checkProxy through the proxy to the echo URL
 * (the settings' first, or the demo simulator's), with the settings' timeout.
 */
export function proxyChecker(echoUrl: () => Promise<string>, timeoutMs: () => Promise<number>): ScheduledChecksOptions['check'] {
  return async (access, signal) => checkProxy(targetOfAccess(access), { echoUrl: await echoUrl(), timeoutMs: await timeoutMs(), signal })
}
