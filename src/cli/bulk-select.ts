/**
 * Which connections `iproxy bulk --filter EXPR` acts on: the fleet filter (shared/fleet-filter.ts) matched against
 * each connection's facts. Only what the filter asks about is fetched: the list always (names, country, city),
 * the connections-status answer for `status=`, the history's last checks for `check=` (read from the data folder's
 * history database when there is one; without it, `check=` matches nothing and says so).
 */
import type { HistoryStore } from '../main/history'
import type { IproxyClient } from '../main/iproxy'
import { matchesFleetFilter, parseFleetFilter, type FleetFacts, type FleetFilterTerm } from '../shared/fleet-filter'
import type { Connection } from '../shared/iproxy'
import { usageError } from './exit-codes'
import type { Output } from './output'

/** The filter's terms, or a usage error (exit 2) with the filter's own words: checked before any request. */
export function filterTerms(text: string): FleetFilterTerm[] {
  const parsed = parseFleetFilter(text)
  if (!parsed.ok) throw usageError(`--filter: ${parsed.error}.`)
  return parsed.terms
}

export interface FilterSources {
  client: IproxyClient
  connections: readonly Connection[]
  /** The history store when the data folder has a history database; undefined when it has none. */
  history: HistoryStore | undefined
  out: Output
}

export async function connectionsMatching(terms: readonly FleetFilterTerm[], sources: FilterSources): Promise<string[]> {
  const keys = new Set(terms.map((t) => t.key))
  const statuses = keys.has('status') ? new Map((await sources.client.connections.statuses()).map((s) => [s.connection_id, s.online_status])) : undefined
  let lastChecks: Map<string, 'ok' | 'failed'> | undefined
  if (keys.has('check')) {
    lastChecks = new Map()
    if (sources.history) {
      for (const row of sources.history.board()) if (row.lastCheck) lastChecks.set(row.connectionId, row.lastCheck.ok ? 'ok' : 'failed')
    }
    if (lastChecks.size === 0) sources.out.note('The history holds no proxy checks yet (run "iproxy check --all" or the app\'s checks first): check= matches no connection.')
  }
  return sources.connections
    .filter((c) => {
      const facts: FleetFacts = { id: c.id, name: c.basic_info.name }
      const status = statuses?.get(c.id)
      if (status !== undefined) facts.status = status
      const geo = c.basic_info.server_geo
      if (geo?.country) facts.country = geo.country
      if (geo?.city) facts.city = geo.city
      const check = lastChecks?.get(c.id)
      if (check) facts.lastCheck = check
      return matchesFleetFilter(terms, facts)
    })
    .map((c) => c.id)
}
