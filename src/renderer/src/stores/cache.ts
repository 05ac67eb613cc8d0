/**
 * The one cache every resource store is made of: entries keyed by profile id *and* a key (a connection id, the
 * account as a whole, a statistics window), so switching profiles never shows another account's data. Nothing is
 * fetched until a screen asks for it; a failed refresh keeps the last good data next to the reason it failed.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import type { StoreApi } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { errorMessage } from '../ui/error-message'
import { selectActiveProfile, useProfiles } from './profiles'

export interface CacheEntry<T> {
  data?: T
  /** Date.now() of the last successful load. */
  loadedAt?: number
  loading: boolean
  /** Why the last load failed; `data` is then the last good data, if any. */
  error?: string
}

export interface CacheState<T> {
  /** By cacheSlot(profileId, key). */
  entries: Record<string, CacheEntry<T>>
  load(profileId: string, key: string, fetch: () => Promise<T>, options?: { force?: boolean }): Promise<void>
  /** Replaces loaded data after a change the API confirmed, without a request. */
  update(profileId: string, key: string, change: (data: T | undefined) => T): void
}

/** The key of what belongs to the account as a whole (an account-wide list), next to per-connection keys. */
export const ACCOUNT = '*'

/** The entry id of a key under a profile. */
export const cacheSlot = (profileId: string, key: string) => `${profileId}\u0000${key}`

/** The cache's state and actions, for a store that adds its own (a resource store's applyChange). */
export function cacheSlice<T, S extends CacheState<T>>(set: StoreApi<S>['setState'], get: () => S): CacheState<T> {
  const put = (id: string, entry: CacheEntry<T>) => set({ entries: { ...get().entries, [id]: entry } } as Partial<S>)
  return {
    entries: {},
    async load(profileId, key, fetch, options = {}) {
      const id = cacheSlot(profileId, key)
      const current = get().entries[id]
      if (current?.loading || (current?.data !== undefined && !options.force)) return
      put(id, { ...current, loading: true })
      try {
        put(id, { data: await fetch(), loadedAt: Date.now(), loading: false })
      } catch (err) {
        put(id, { ...get().entries[id], loading: false, error: errorMessage(err) })
      }
    },
    update(profileId, key, change) {
      const id = cacheSlot(profileId, key)
      const entry = get().entries[id] ?? { loading: false }
      put(id, { ...entry, data: change(entry.data) })
    },
  }
}

/** A store that is only a cache (read-only resources: statuses, SMS, statistics). */
export const createCache = <T>() => create<CacheState<T>>((set, get) => cacheSlice<T, CacheState<T>>(set, get))

/** Any store holding a cache of T (a plain cache or a resource store). */
export type CacheStore<T> = <U>(selector: (state: CacheState<T>) => U) => U

export interface CachedData<T> extends CacheEntry<T> {
  profileId?: string
  /** Loads again; the last good data stays on screen meanwhile and after a failure. */
  refresh(): Promise<void>
}

/**
 * The active profile's entry for `key`, fetched on first use (`key` undefined: nothing is fetched). `fetch` must
 * match the key: the cache does not refetch when only `fetch` changes.
 */
export function useCached<T>(cache: CacheStore<T>, key: string | undefined, fetch: () => Promise<T>): CachedData<T> {
  const profileId = useProfiles((s) => selectActiveProfile(s)?.id)
  const { entry, load } = cache(
    useShallow((s: CacheState<T>) => ({ entry: profileId && key !== undefined ? s.entries[cacheSlot(profileId, key)] : undefined, load: s.load })),
  )
  useEffect(() => {
    if (profileId && key !== undefined) void load(profileId, key, fetch)
    // `fetch` is a new closure each render but always matches `key`: loading again only when the key changes.
  }, [profileId, key, load]) // eslint-disable-line react-hooks/exhaustive-deps
  return {
    ...(entry ?? { loading: profileId !== undefined && key !== undefined }),
    ...(profileId ? { profileId } : {}),
    refresh: () => (profileId && key !== undefined ? load(profileId, key, fetch, { force: true }) : Promise.resolve()),
  }
}

/** The active profile's entry for `key`, read only (nothing is fetched). */
export function useCachedEntry<T>(cache: CacheStore<T>, key: string | undefined): CacheEntry<T> | undefined {
  const profileId = useProfiles((s) => selectActiveProfile(s)?.id)
  return cache((s: CacheState<T>) => (profileId && key !== undefined ? s.entries[cacheSlot(profileId, key)] : undefined))
}
