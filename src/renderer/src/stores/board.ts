/**
 * The fleet board: one row per connection from the history database (`history.board`): uptime over 24 h and
 * 7 days, the last check, the current exit IP, IP changes and the IP-ledger warnings. The Connections screen joins
 * it by connection id to the list it shows. It is a local SQLite query (no API request), so it is read again
 * whenever something that feeds the history happened: statuses or connections loaded, checks finished, an IP changed.
 */
import type { BoardRow } from '../../../shared/history'
import { getApi } from '../bridge'
import type { CachedData } from './cache'
import { ACCOUNT, cacheSlot, createCache, useCached } from './cache'
import { useHealthStore } from './health'

export const boardCache = createCache<BoardRow[]>()
const fetchBoard = () => getApi().history.board({})

export const useBoard = (): CachedData<BoardRow[]> => useCached(boardCache, ACCOUNT, fetchBoard)

/** A reload asked for while one runs is done right after it, so the newest history is never missed. */
const queued = new Set<string>()
export async function reloadBoard(profileId: string): Promise<void> {
  if (boardCache.getState().entries[cacheSlot(profileId, ACCOUNT)]?.loading) {
    queued.add(profileId)
    return
  }
  await boardCache.getState().load(profileId, ACCOUNT, fetchBoard, { force: true })
  if (queued.delete(profileId)) await reloadBoard(profileId)
}

/** Results arrive one progress event at a time: one read of the board for a burst of them. */
const HEALTH_SETTLE_MS = 400

/**
 * Reads the board again after checks and change-IP-and-verify runs finish anywhere in the app (the health store is
 * fed by their events). Returns the unsubscribe.
 */
export function reloadBoardAfterChecks(profileId: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = useHealthStore.subscribe((state, previous) => {
    if (state.results === previous.results && state.rotations === previous.rotations) return
    clearTimeout(timer)
    timer = setTimeout(() => void reloadBoard(profileId), HEALTH_SETTLE_MS)
  })
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}
