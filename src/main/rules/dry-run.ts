/**
 * The dry run: what rules would have done over the last `hours` (24 by default) of the fleet watch's history,
 * doing nothing. The watch events stored in the history are replayed, oldest first, through triggers.ts (the same
 * code the live rules use) with a simulated clock: an `offline` rule is ticked at the very moment it falls due, as
 * the live rules are by the first watch cycle after it. Each firing is judged by the same hourly limit; the gate
 * ("another action runs on it") is not known for the past, so it never holds a firing back here.
 *
 * The replay starts an hour (or an `offline` rule's minutes, when longer) before the window, so an outage that
 * began just before it and the runs that count against the hourly limit are known; only hits inside the window
 * are reported.
 */
import type { FleetFacts } from '../../shared/fleet-filter'
import type { DryRunHit, DryRunReport, Rule } from '../../shared/rules'
import type { WatchEvent, WatchEventKind } from '../../shared/watch'
import type { HistoryStore } from '../history/store'
import { createRuleTriggers, HOUR_MS, type Firing } from './triggers'

export const DEFAULT_DRY_RUN_HOURS = 24
/** Events read per query while paging back through the history. */
const PAGE = 5_000
/** A bound on the replay, whatever the history holds (a week of a 500-phone fleet's events fits many times over). */
const MAX_EVENTS = 500_000

/** The kinds a rule reacts to, or needs to follow an outage. */
export const REPLAYED_KINDS: WatchEventKind[] = ['connection_offline', 'connection_online', 'check_failed', 'ip_repeated', 'ip_not_changed']

export interface DryRunOptions {
  history: Pick<HistoryStore, 'watchEvents' | 'board'>
  /** The end of the window (ms). */
  now: number
  hours?: number
  /** What else a scope's filter may ask (the connections list's country and city); names and checks come from the history. */
  facts?: (connectionId: string) => Partial<FleetFacts> | undefined
}

/** The history's events from `from` to `to`, oldest first (paged back newest first, as the store reads them). */
export function replayedEvents(history: DryRunOptions['history'], from: number, to: number): WatchEvent[] {
  const collected: WatchEvent[] = []
  const seen = new Set<number>()
  let upTo = to
  for (;;) {
    const page = history.watchEvents({ from, to: upTo, kinds: REPLAYED_KINDS, limit: PAGE })
    let added = 0
    for (const e of page.events) {
      if (e.id !== undefined && seen.has(e.id)) continue
      if (e.id !== undefined) seen.add(e.id)
      collected.push(e)
      added++
    }
    const oldest = page.events[page.events.length - 1]
    // The next page starts at the oldest time read (inclusive: events sharing that millisecond are not lost).
    if (!page.truncated || !oldest || added === 0 || collected.length >= MAX_EVENTS) break
    upTo = oldest.at
  }
  return collected.sort((a, b) => a.at - b.at || (a.id ?? 0) - (b.id ?? 0))
}

/** What the rules would have done; `rules` are tried whether or not they are enabled (trying one is the point). */
export function dryRun(rules: readonly Rule[], options: DryRunOptions): DryRunReport {
  const to = options.now
  const from = to - (options.hours ?? DEFAULT_DRY_RUN_HOURS) * HOUR_MS
  const offlineMs = Math.max(0, ...rules.map((r) => (r.when.event === 'offline' ? r.when.minutes * 60_000 : 0)))
  const replayFrom = from - Math.max(HOUR_MS, offlineMs)

  // Names and last checks from the history's board; the status at each moment comes from the replayed events.
  const known = new Map<string, Partial<FleetFacts>>()
  for (const row of options.history.board(to)) {
    known.set(row.connectionId, {
      ...(row.name !== undefined ? { name: row.name } : {}),
      ...(row.lastCheck ? { lastCheck: row.lastCheck.ok ? 'ok' : 'failed' } : {}),
    })
  }
  const triggers = createRuleTriggers({
    facts: (id) => {
      const mine = known.get(id)
      const extra = options.facts?.(id)
      return mine || extra ? { ...mine, ...extra } : undefined
    },
  })
  triggers.setRules(rules)

  const hits: DryRunHit[] = []
  const judge = (firings: readonly Firing[], at: number) => {
    for (const f of firings) {
      const verdict = triggers.admit(f, at, () => true)
      if (f.at < from) continue
      const name = f.connectionName ?? known.get(f.connectionId)?.name
      hits.push({
        ruleId: f.rule.id,
        connectionId: f.connectionId,
        ...(name ? { connectionName: name } : {}),
        at: f.at,
        trigger: f.trigger,
        verdict: verdict === 'run' ? 'run' : 'limited',
        steps: f.rule.do,
      })
    }
  }
  /** Every `offline` rule that fell due before `before` (or at `to` for the end), at its own moment. */
  const tickUntil = (before: number, inclusive: boolean) => {
    for (let due = triggers.nextDue(); due !== undefined && (inclusive ? due <= before : due < before); due = triggers.nextDue()) {
      judge(triggers.tick(due), due)
    }
  }

  for (const event of replayedEvents(options.history, replayFrom, to)) {
    // As live: a cycle's events come before its tick, so an outage that ends at the moment it falls due never fires.
    tickUntil(event.at, false)
    judge(triggers.observe([event]), event.at)
  }
  tickUntil(to, true)
  return { from, to, hits }
}
