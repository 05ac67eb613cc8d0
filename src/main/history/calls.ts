/**
 * The `history` domain's calls (shared/contract/history.ts) onto the app's HistoryStore. Inputs were parsed by
 * the handler table with the contract's bounded schemas; times are the page's clock, ranges its choice.
 */
import type { Implementations } from '../handler-table'
import type { HistoryStore } from './store'

type HistoryCallName = Extract<keyof Implementations, `history.${string}`>

/** `writePending` stores check results still gathered for their batch (check-history.ts), so reads include them. */
export function historyCalls(store: HistoryStore, writePending: () => void): Pick<Implementations, HistoryCallName> {
  const read = <T>(fn: () => T): T => {
    writePending()
    return fn()
  }
  return {
    'history.board': ({ reuseWindowMs }) => read(() => store.board(Date.now(), reuseWindowMs)),
    'history.timeline': (query) => read(() => store.events(query)),
    'history.latency': ({ connectionId, from, to, maxPoints }) => read(() => store.latencySeries(connectionId, { from, to }, maxPoints)),
    'history.exitIps': ({ connectionId }) => read(() => store.exitIps(connectionId)),
    'history.ipReuse': ({ windowMs }) => read(() => store.ipReuse(windowMs)),
    'history.retention': () => ({ days: store.retentionDays() }),
    'history.setRetention': ({ days }) => {
      const set = store.setRetentionDays(days)
      // A shorter retention takes effect now, in the background, not at the next scheduled pass.
      void store.pruneExpired().catch(() => undefined)
      return { days: set }
    },
    'history.takeNotice': () => store.takeNotice() ?? null,
  }
}
