/**
 * Data of one connection (its proxies, VPN accesses, action links, statistics), fetched only when a detail tab
 * or the Statistics screen asks for it and cached per profile and per key (connection, or connection + window).
 * Switching profiles never shows another account's data: entries are looked up under the active profile's id.
 * A failed refresh keeps the last good data next to the reason it could not be refreshed.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import type { StoreApi, UseBoundStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type {
  ActionLink,
  IpHistoryEntry,
  OvpnAccess,
  PortTraffic,
  ProxyAccess,
  TrafficByDay,
  UptimeEntry,
} from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'
import type { CacheEntry } from './profile-cache'
import { selectActiveProfile, useProfiles } from './profiles'

interface KeyedState<T> {
  /** By `${profileId}\u0000${key}`. */
  entries: Record<string, CacheEntry<T>>
  load(profileId: string, key: string, fetch: () => Promise<T>, options?: { force?: boolean }): Promise<void>
  update(profileId: string, key: string, change: (data: T | undefined) => T): void
}

export type KeyedCache<T> = UseBoundStore<StoreApi<KeyedState<T>>>

/** The entry id of a key under a profile. */
export const cacheSlot = (profileId: string, key: string) => `${profileId}\u0000${key}`
const slot = cacheSlot

export function createKeyedCache<T>(): KeyedCache<T> {
  return create<KeyedState<T>>((set, get) => ({
    entries: {},
    async load(profileId, key, fetch, options = {}) {
      const id = slot(profileId, key)
      const current = get().entries[id]
      if (current?.loading || (current?.data !== undefined && !options.force)) return
      set({ entries: { ...get().entries, [id]: { ...current, loading: true } } })
      try {
        const data = await fetch()
        set({ entries: { ...get().entries, [id]: { data, loadedAt: Date.now(), loading: false } } })
      } catch (err) {
        set({ entries: { ...get().entries, [id]: { ...get().entries[id], loading: false, error: errorMessage(err) } } })
      }
    },
    update(profileId, key, change) {
      const id = slot(profileId, key)
      const entry = get().entries[id] ?? { loading: false }
      set({ entries: { ...get().entries, [id]: { ...entry, data: change(entry.data) } } })
    },
  }))
}

export interface KeyedData<T> extends CacheEntry<T> {
  profileId?: string
  refresh(): Promise<void>
  /** Applies a change the API confirmed (a created, edited or deleted item) without a new request. */
  update(change: (data: T | undefined) => T): void
}

/**
 * The active profile's entry for `key`, fetched on first use (`key` undefined: nothing is fetched). `fetch` must
 * match the key: the cache does not refetch when only `fetch` changes.
 */
export function useKeyedData<T>(cache: KeyedCache<T>, key: string | undefined, fetch: () => Promise<T>): KeyedData<T> {
  const profileId = useProfiles((s) => selectActiveProfile(s)?.id)
  const { entry, load, update } = cache(
    useShallow((s) => ({
      entry: profileId && key !== undefined ? s.entries[slot(profileId, key)] : undefined,
      load: s.load,
      update: s.update,
    })),
  )
  useEffect(() => {
    if (profileId && key !== undefined) void load(profileId, key, fetch)
    // `fetch` is a new closure each render but always matches `key`: loading again only when the key changes.
  }, [profileId, key, load]) // eslint-disable-line react-hooks/exhaustive-deps
  return {
    ...(entry ?? { loading: profileId !== undefined && key !== undefined }),
    ...(profileId ? { profileId } : {}),
    refresh: () => (profileId && key !== undefined ? load(profileId, key, fetch, { force: true }) : Promise.resolve()),
    update: (change) => {
      if (profileId && key !== undefined) update(profileId, key, change)
    },
  }
}

/** The active profile's entry for `key`, read only (nothing is fetched). */
export function useKeyedEntry<T>(cache: KeyedCache<T>, key: string | undefined): CacheEntry<T> | undefined {
  const profileId = useProfiles((s) => selectActiveProfile(s)?.id)
  return cache((s) => (profileId && key !== undefined ? s.entries[slot(profileId, key)] : undefined))
}

// ------------------------------------------------------------------------------------------------------------
// The caches of one connection's data
// ------------------------------------------------------------------------------------------------------------

export const connectionProxiesCache = createKeyedCache<ProxyAccess[]>()
export const connectionVpnCache = createKeyedCache<OvpnAccess[]>()
export const connectionActionLinksCache = createKeyedCache<ActionLink[]>()

export const useConnectionProxies = (connId: string) =>
  useKeyedData(connectionProxiesCache, connId, () => getApi().proxies.listByConnection({ connId }))
export const useConnectionVpn = (connId: string) =>
  useKeyedData(connectionVpnCache, connId, () => getApi().vpn.listByConnection({ connId }))
export const useConnectionActionLinks = (connId: string) =>
  useKeyedData(connectionActionLinksCache, connId, () => getApi().actionLinks.listByConnection({ connId }))

/** A statistics window: RFC 3339 bounds and the IANA zone days are counted in. */
export interface StatsWindow {
  from: string
  to: string
  timezone: string
}

export interface ConnectionStats {
  byDay: TrafficByDay
  byHourPort: PortTraffic[]
  uptime: UptimeEntry[]
  ipHistory: IpHistoryEntry[]
}

export const connectionStatsCache = createKeyedCache<ConnectionStats>()

export function statsKey(connId: string, window: StatsWindow): string {
  return `${connId}|${window.from}|${window.to}|${window.timezone}`
}

/** All four statistics of a connection for a window, in parallel; one failure fails the load (and keeps the last). */
export async function fetchConnectionStats(connId: string, window: StatsWindow): Promise<ConnectionStats> {
  const api = getApi().stats
  const range = { connId, from: window.from, to: window.to }
  const [byDay, byHourPort, uptime, ipHistory] = await Promise.all([
    api.trafficByDay({ ...range, timezone: window.timezone }),
    api.trafficByHourPort(range),
    api.uptime(range),
    api.ipHistory(range),
  ])
  return { byDay, byHourPort, uptime, ipHistory }
}

export const useConnectionStats = (connId: string | undefined, window: StatsWindow) =>
  useKeyedData(connectionStatsCache, connId ? statsKey(connId, window) : undefined, () =>
    fetchConnectionStats(connId ?? '', window),
  )
