/**
 * The health service's check history, kept in the history database (the app passes this to the health service
 * in place of health-history.json). Results are gathered for a moment and written as one transaction per batch
 * (a bulk check of thousands of proxies is a few transactions, not thousands); reading flushes first, so the
 * health screen's history dots always include the check just made.
 *
 * Recording never fails a check: a batch the database refuses is retried one result at a time, so one bad
 * result (say, an exit IP that is not an address) costs only itself, and what is still refused is logged.
 */
import { HEALTH_HISTORY_LIMIT, type HealthCheckResult, type HealthHistoryEntry } from '../../shared/health'
import type { CheckRecord } from '../../shared/history'
import type { HealthHistory } from '../health/history'
import type { Logger } from '../log'
import type { HistoryStore } from './store'

/** Results written in one transaction at most (the benchmark's figure for 1,000 is well under 50 ms). */
export const CHECK_BATCH_MAX = 1_000
const WRITE_DELAY_MS = 500

export interface StoredCheckHistory extends HealthHistory {
  /** Writes what is waiting now (the history's reads call it, so they see the check just made). */
  writePending(): void
}

export function checkHistoryInStore(store: HistoryStore, log: Logger, options: { writeDelayMs?: number } = {}): StoredCheckHistory {
  const pending: CheckRecord[] = []
  let timer: NodeJS.Timeout | undefined

  function write(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    while (pending.length > 0) {
      const batch = pending.splice(0, CHECK_BATCH_MAX)
      try {
        store.recordChecks(batch)
      } catch (err) {
        log(`could not store ${batch.length} check results in the history as one batch; storing them one by one`, err)
        for (const record of batch) {
          try {
            store.recordChecks([record])
          } catch (one) {
            log(`the check of ${record.key} at ${record.result.checkedAt} was not stored in the history`, one)
          }
        }
      }
    }
  }

  return {
    record(key: string, result: HealthCheckResult, connectionId?: string): void {
      pending.push({ key, ...(connectionId ? { connectionId } : {}), result })
      if (pending.length >= CHECK_BATCH_MAX) write()
      else if (!timer) {
        timer = setTimeout(write, options.writeDelayMs ?? WRITE_DELAY_MS)
        timer.unref?.()
      }
    },
    async get(keys: readonly string[]): Promise<Record<string, HealthHistoryEntry[]>> {
      write()
      return store.recentChecks(keys, HEALTH_HISTORY_LIMIT) as Record<string, HealthHistoryEntry[]>
    },
    async flush(): Promise<void> {
      write()
    },
    writePending: write,
  }
}
