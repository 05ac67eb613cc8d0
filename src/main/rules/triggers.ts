/**
 * When a rule fires, pure: no I/O and no clock of its own. The live rules (runner.ts, fed by the watch engine's
 * events and a tick after each cycle) and the dry run (dry-run.ts, fed the history's events and ticks at the moments
 * a rule fell due) use this same code, so the dry run shows what the live rules would have done.
 *
 * - `offline`: counted from the watch's `offlineSince` (when it first saw the phone down), and fires ONCE per outage,
 *   at offlineSince + minutes if the phone is still down then (a tick finds it; `nextDue()` says when). A
 *   `connection_online` ends the outage. A rule's minutes below the watch's "offline after" fire with the
 *   `connection_offline` itself (the watch raises nothing sooner).
 * - `check_failed`: a `check_failed` with `failures` >= the rule's `times`.
 * - `ip_repeated`: an `ip_repeated` that came back within the rule's `withinHours` (`returnedAfterMs`).
 * - `ip_not_changed`: every `ip_not_changed`.
 *
 * Then the limits (`admit`): at most `maxRunsPerHour` runs per rule per connection in any rolling hour (a limited
 * firing is not a run), and never while another action holds the phone (the caller's `acquire`; the dry run has no
 * such knowledge and says yes). Scope: every connection, or those listed, or those matching the filter, judged on
 * what is known of the connection when it fires (its name and status, from the events and the caller's facts).
 */
import { matchesFleetFilter, parseFleetFilter, type FleetFacts, type FleetFilterTerm } from '../../shared/fleet-filter'
import type { Rule, RuleTrigger } from '../../shared/rules'
import type { WatchEvent } from '../../shared/watch'

export const HOUR_MS = 3_600_000

/** A rule that fell due on a connection (before its limits are applied). */
export interface Firing {
  rule: Rule
  connectionId: string
  connectionName?: string
  trigger: RuleTrigger
  /** The event's time, or the moment an outage reached the rule's minutes (the tick that found it). */
  at: number
}

/** `run`: the chain starts; `limited`: the rule ran `maxRunsPerHour` times on it within the hour; `busy`: another action holds the phone. */
export type Verdict = 'run' | 'limited' | 'busy'

export interface RuleTriggersOptions {
  /**
   * What the caller knows of a connection beyond the events (the watch's latest names and statuses, the
   * connections list's country and city, the history's last check). Given fields win over what the events said.
   */
  facts?: (connectionId: string) => Partial<FleetFacts> | undefined
}

export interface RuleTriggers {
  /** The rules to judge (the caller passes only the enabled ones live; the dry run passes the one it tries). */
  setRules(rules: readonly Rule[]): void
  /** Folds the events in (in time order) and returns the rules they fire, in the events' order. */
  observe(events: readonly WatchEvent[]): Firing[]
  /** The `offline` rules whose minutes have passed by `now` on a connection still down (each once per outage). */
  tick(now: number): Firing[]
  /** The earliest moment an `offline` rule falls due, if one is waiting. */
  nextDue(): number | undefined
  /** Applies the limits at `now`; `acquire` is asked last, only when the hourly limit allows a run. */
  admit(firing: Firing, now: number, acquire: () => boolean): Verdict
}

interface Outage {
  since: number
  /** Rules already fired (or held back) for this outage. */
  fired: Set<string>
}

interface Compiled {
  rule: Rule
  ids?: ReadonlySet<string>
  /** Undefined without a filter; empty terms never match (a filter that does not parse selects nothing). */
  terms?: readonly FleetFilterTerm[] | null
}

function compile(rule: Rule): Compiled {
  const compiled: Compiled = { rule }
  if (rule.scope?.connectionIds !== undefined) compiled.ids = new Set(rule.scope.connectionIds)
  if (rule.scope?.filter !== undefined) {
    const parsed = parseFleetFilter(rule.scope.filter)
    compiled.terms = parsed.ok ? parsed.terms : null
  }
  return compiled
}

const runKey = (ruleId: string, connectionId: string) => `${ruleId}\u0000${connectionId}`

export function createRuleTriggers(options: RuleTriggersOptions = {}): RuleTriggers {
  let rules: Compiled[] = []
  const outages = new Map<string, Outage>()
  /** What the events said of each connection: its name and whether it is down. */
  const known = new Map<string, { name?: string; status?: string }>()
  /** Each rule's runs on each connection (their start times), for the rolling hour. */
  const runs = new Map<string, number[]>()

  function factsOf(connectionId: string): FleetFacts {
    const seen = known.get(connectionId)
    const facts: FleetFacts = { id: connectionId, name: seen?.name ?? '', ...(seen?.status ? { status: seen.status } : {}) }
    const extra = options.facts?.(connectionId)
    if (extra) for (const [key, value] of Object.entries(extra)) if (value !== undefined) (facts as unknown as Record<string, unknown>)[key] = value
    return facts
  }

  function inScope(c: Compiled, connectionId: string): boolean {
    if (c.ids === undefined && c.terms === undefined) return true
    if (c.ids?.has(connectionId)) return true
    if (c.terms) return matchesFleetFilter(c.terms, factsOf(connectionId))
    return false
  }

  function firing(c: Compiled, event: Pick<WatchEvent, 'connectionName'>, connectionId: string, at: number): Firing {
    const name = event.connectionName ?? known.get(connectionId)?.name
    return { rule: c.rule, connectionId, ...(name ? { connectionName: name } : {}), trigger: c.rule.when.event, at }
  }

  /** An outage's `offline` rules due by `now`, marked fired. */
  function dueOffline(connectionId: string, outage: Outage, now: number): Firing[] {
    const fired: Firing[] = []
    for (const c of rules) {
      if (c.rule.when.event !== 'offline' || outage.fired.has(c.rule.id)) continue
      if (outage.since + c.rule.when.minutes * 60_000 > now) continue
      outage.fired.add(c.rule.id)
      if (inScope(c, connectionId)) fired.push(firing(c, {}, connectionId, now))
    }
    return fired
  }

  function matches(c: Compiled, event: WatchEvent): boolean {
    const when = c.rule.when
    switch (when.event) {
      case 'check_failed': {
        const failures = event.data?.failures
        return event.kind === 'check_failed' && typeof failures === 'number' && failures >= when.times
      }
      case 'ip_repeated': {
        const after = event.data?.returnedAfterMs
        return event.kind === 'ip_repeated' && typeof after === 'number' && after <= when.withinHours * HOUR_MS
      }
      case 'ip_not_changed':
        return event.kind === 'ip_not_changed'
      case 'offline':
        return false
    }
  }

  return {
    setRules(next) {
      rules = next.map(compile)
    },
    observe(events) {
      const fired: Firing[] = []
      for (const event of events) {
        const id = event.connectionId
        if (!id) continue
        const seen = known.get(id) ?? {}
        if (event.connectionName) seen.name = event.connectionName
        known.set(id, seen)
        if (event.kind === 'connection_offline') {
          seen.status = typeof event.data?.status === 'string' ? event.data.status : 'offline'
          const since = typeof event.data?.offlineSince === 'number' ? event.data.offlineSince : event.at
          // A second offline for the same outage (the same since) keeps what already fired.
          const outage = outages.get(id)
          if (!outage || outage.since !== since) outages.set(id, { since, fired: new Set() })
          fired.push(...dueOffline(id, outages.get(id)!, event.at))
          continue
        }
        if (event.kind === 'connection_online') {
          seen.status = typeof event.data?.status === 'string' ? event.data.status : 'online'
          outages.delete(id)
          continue
        }
        for (const c of rules) if (matches(c, event) && inScope(c, id)) fired.push(firing(c, event, id, event.at))
      }
      return fired
    },
    tick(now) {
      const fired: Firing[] = []
      for (const [id, outage] of outages) fired.push(...dueOffline(id, outage, now))
      return fired
    },
    nextDue() {
      let next: number | undefined
      for (const outage of outages.values()) {
        for (const c of rules) {
          if (c.rule.when.event !== 'offline' || outage.fired.has(c.rule.id)) continue
          const due = outage.since + c.rule.when.minutes * 60_000
          if (next === undefined || due < next) next = due
        }
      }
      return next
    },
    admit(f, now, acquire) {
      const key = runKey(f.rule.id, f.connectionId)
      const recent = (runs.get(key) ?? []).filter((at) => at > now - HOUR_MS)
      runs.set(key, recent)
      if (recent.length >= f.rule.limits.maxRunsPerHour) return 'limited'
      if (!acquire()) return 'busy'
      recent.push(now)
      return 'run'
    },
  }
}
