/**
 * The `rules` domain's calls (shared/contract/rules.ts): the rules kept in rules.json (store.ts) and the dry run
 * over the history (dry-run.ts). The live rules run inside the fleet watch (runner.ts, built by
 * watch/engine-setup.ts); their runs reach the page as the `rules.run` event, sent by whoever builds the watch.
 */
import type { FleetFacts } from '../../shared/fleet-filter'
import { parseFleetFilter } from '../../shared/fleet-filter'
import type { Rule } from '../../shared/rules'
import { AppError } from '../app-error'
import type { Implementations } from '../handler-table'
import type { HistoryStore } from '../history/store'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import { dryRun } from './dry-run'
import type { RulesStore } from './store'
import { parseRulesFile } from './validate'

type RulesCallName = Extract<keyof Implementations, `rules.${string}`>

export interface RulesCallsDeps {
  store: RulesStore
  history: Pick<HistoryStore, 'watchEvents' | 'board'>
  /** The active profile's client, when there is one: a dry run whose filter names a country or city reads the connections list once. */
  client?: () => IproxyClient | undefined
  log: Logger
  now?: () => number
}

/** Country and city of each connection, only when one of the rules' filters asks for them. */
async function placesFor(rules: readonly Rule[], deps: RulesCallsDeps): Promise<((id: string) => Partial<FleetFacts> | undefined) | undefined> {
  const wanted = rules.some((r) => {
    const parsed = r.scope?.filter !== undefined ? parseFleetFilter(r.scope.filter) : undefined
    return parsed?.ok === true && parsed.terms.some((t) => t.key === 'country' || t.key === 'city')
  })
  const client = wanted ? deps.client?.() : undefined
  if (!client) return undefined
  try {
    const places = new Map<string, Partial<FleetFacts>>()
    for (const c of await client.connections.list()) {
      const geo = c.basic_info.server_geo
      if (geo) places.set(c.id, { country: geo.country, city: geo.city })
    }
    return (id) => places.get(id)
  } catch (err) {
    // The dry run still answers, without the places: the hits that need them are left out rather than guessed.
    deps.log('dry run: could not read the connections list for the filter\'s country or city', err)
    return undefined
  }
}

export function rulesCalls(deps: RulesCallsDeps): Pick<Implementations, RulesCallName> {
  const now = deps.now ?? Date.now
  return {
    'rules.list': () => deps.store.read(),
    'rules.save': (file) => deps.store.save(file),
    'rules.dryRun': async ({ ruleId, rule, hours }) => {
      let rules: Rule[]
      if (rule) {
        // The rule as edited: its filter is checked as a saved one would be, naming the field.
        rules = parseRulesFile({ rules: [rule] }, 'the rule').rules
      } else {
        const stored = (await deps.store.read()).rules
        rules = ruleId === undefined ? stored : stored.filter((r) => r.id === ruleId)
        if (ruleId !== undefined && rules.length === 0) throw new AppError('not_found', `There is no rule with the id "${ruleId}".`, { field: 'ruleId' })
      }
      const facts = await placesFor(rules, deps)
      return dryRun(rules, { history: deps.history, now: now(), ...(hours !== undefined ? { hours } : {}), ...(facts ? { facts } : {}) })
    },
  }
}
