/**
 * One store per resource the user changes (connections, proxies, VPN accesses, action links): the account-wide
 * list and each connection's list live in one cache, and every confirmed create, update or delete goes through
 * the one `applyChange`, which updates each loaded list the item belongs in. No screen keeps two lists in step by
 * hand, and a change made on a connection's tab shows on the account-wide screen at once (and the other way).
 */
import { create } from 'zustand'
import type { CacheState, CachedData } from './cache'
import { ACCOUNT, cacheSlice, cacheSlot, useCached } from './cache'

/** A change the API confirmed. */
export interface Change<T> {
  kind: 'create' | 'update' | 'delete'
  item: T
}

export interface ResourceState<T> extends CacheState<T[]> {
  applyChange(profileId: string, change: Change<T>): void
}

export interface ResourceSpec<T> {
  listAll(): Promise<T[]>
  listOfConnection(connId: string): Promise<T[]>
  /** The connection an item belongs to (its own id for a connection). */
  connectionOf(item: T): string
}

/** The list with one change applied: a created item is added (or replaces one with its id), an updated one replaced. */
export function applied<T extends { id: string }>(list: readonly T[], { kind, item }: Change<T>): T[] {
  if (kind === 'delete') return list.filter((x) => x.id !== item.id)
  if (kind === 'create' && !list.some((x) => x.id === item.id)) return [...list, item]
  return list.map((x) => (x.id === item.id ? item : x))
}

export function createResourceStore<T extends { id: string }>(spec: ResourceSpec<T>) {
  const store = create<ResourceState<T>>((set, get) => ({
    ...cacheSlice<T[], ResourceState<T>>(set, get),
    applyChange(profileId, change) {
      // Only lists already loaded change: one never loaded will be fetched whole when it is first shown.
      for (const key of [ACCOUNT, spec.connectionOf(change.item)]) {
        if (get().entries[cacheSlot(profileId, key)]?.data) get().update(profileId, key, (list) => applied(list ?? [], change))
      }
    },
  }))
  const fetchFor = (connId: string | undefined) => () => (connId === undefined ? spec.listAll() : spec.listOfConnection(connId))
  return {
    store,
    /** Every item of the account (`connId` undefined) or of one connection, loaded on first use (never when `skip`). */
    useList: (connId?: string, options?: { skip?: boolean }): CachedData<T[]> =>
      useCached(store, options?.skip ? undefined : (connId ?? ACCOUNT), fetchFor(connId)),
    applyChange: (profileId: string, change: Change<T>) => store.getState().applyChange(profileId, change),
    /** Loads a list again (the account's when `connId` is undefined). */
    refresh: (profileId: string, connId?: string) => store.getState().load(profileId, connId ?? ACCOUNT, fetchFor(connId), { force: true }),
  }
}
