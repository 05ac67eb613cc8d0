/**
 * The history database as the app runs it: opened when the services are built (so every domain can record from
 * the first call), the old health-history.json imported and background pruning started at start-up, closed on
 * dispose. Opening never fails the app (open.ts replaces a damaged file); what happened is logged there and told
 * to the user once through `history.takeNotice`.
 */
import type { Logger } from '../log'
import { createHistoryStore, importOldCheckHistory, type HistoryStore } from './store'

export interface AppHistory {
  store: HistoryStore
  /** Imports health-history.json once and starts pruning in the background. */
  start(): Promise<void>
  /** Stops pruning and closes the database (after the last writes). */
  dispose(): Promise<void>
}

export function openAppHistory(dataDir: string, log: Logger): AppHistory {
  const store = createHistoryStore(dataDir, { log })
  let disposed = false
  return {
    store,
    async start() {
      await importOldCheckHistory(store, dataDir, log)
      if (!disposed) store.startRetention()
    },
    async dispose() {
      if (disposed) return
      disposed = true
      await store.close()
    },
  }
}
