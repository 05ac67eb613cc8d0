/**
 * Data cached per profile: each entry belongs to one profile id, so switching profiles never shows another
 * account's data, and a failed refresh keeps the last good data next to the reason it could not be refreshed.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import type { StoreApi, UseBoundStore } from 'zustand'
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

interface CacheState<T> {
  entries: Record<string, CacheEntry<T>>
  load(profileId: string, options?: { force?: boolean }): Promise<void>
  /** Replaces the data after a local change the API confirmed (e.g. a created item), without a request. */
  update(profileId: string, change: (data: T | undefined) => T): void
}

export type ProfileCache<T> = UseBoundStore<StoreApi<CacheState<T>>>

/** A cache of one account-wide list (or value), fetched with `fetch` for the active profile. */
export function createProfileCache<T>(fetch: () => Promise<T>): ProfileCache<T> {
  return create<CacheState<T>>((set, get) => ({
    entries: {},
    async load(profileId, options = {}) {
      const current = get().entries[profileId]
      if (current?.loading || (current?.data !== undefined && !options.force)) return
      set({ entries: { ...get().entries, [profileId]: { ...current, loading: true } } })
      try {
        const data = await fetch()
        set({ entries: { ...get().entries, [profileId]: { data, loadedAt: Date.now(), loading: false } } })
      } catch (err) {
        set({ entries: { ...get().entries, [profileId]: { ...get().entries[profileId], loading: false, error: errorMessage(err) } } })
      }
    },
    update(profileId, change) {
      const entry = get().entries[profileId] ?? { loading: false }
      set({ entries: { ...get().entries, [profileId]: { ...entry, data: change(entry.data) } } })
    },
  }))
}

/**
 * The active profile's entry of a cache, loaded on first use. `refresh()` forces a new load; the last good data
 * stays on screen meanwhile and after a failure.
 */
export function useProfileData<T>(cache: ProfileCache<T>): CacheEntry<T> & { profileId?: string; refresh(): Promise<void> } {
  const profileId = useProfiles((s) => selectActiveProfile(s)?.id)
  const { entry, load } = cache(useShallow((s) => ({ entry: profileId ? s.entries[profileId] : undefined, load: s.load })))
  useEffect(() => {
    if (profileId) void load(profileId)
  }, [profileId, load])
  return {
    ...(entry ?? { loading: profileId !== undefined }),
    ...(profileId ? { profileId } : {}),
    refresh: () => (profileId ? load(profileId, { force: true }) : Promise.resolve()),
  }
}
