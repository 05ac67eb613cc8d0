/**
 * The fleet history (main's history.sqlite, read through `history.*`): a connection's timeline, latency and exit
 * IPs, the fleet timeline, the IP-reuse list, the retention setting, and the one-time notice about a damaged file.
 *
 * History grows while the app runs, so every read ends "now": a key names a range by its length (`24h`), the
 * fetch fixes the times, and a screen reloads its keys when it opens (`useFreshCached`) instead of showing what
 * an earlier visit saw.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import {
  DAY_MS,
  DEFAULT_IP_REUSE_WINDOW_MS,
  HOUR_MS,
  type ExitIpSummary,
  type HistoryKind,
  type HistoryNotice,
  type IpReuse,
  type LatencySeries,
  type Timeline,
} from '../../../shared/history'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'
import { createCache, useCached, type CachedData, type CacheStore } from './cache'

/** The ranges the History tab and the fleet timeline offer, each ending now. */
export const HISTORY_RANGES = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const
export type HistoryRange = keyof typeof HISTORY_RANGES

/** The windows the IP-reuse view offers; 24 h unless the user picks another. */
export const REUSE_WINDOWS = { '1h': HOUR_MS, '6h': 6 * HOUR_MS, '24h': DEFAULT_IP_REUSE_WINDOW_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const
export type ReuseWindow = keyof typeof REUSE_WINDOWS
export const DEFAULT_REUSE_WINDOW: ReuseWindow = '24h'

/** Events fetched at first; "Show more" asks for this many more each time (the contract allows up to 20,000). */
export const TIMELINE_STEP = 500
export const TIMELINE_MAX = 20_000
/** About one point per 5 px of a wide chart. */
const LATENCY_POINTS = 240

/** `undefined` kind: every kind. */
export interface TimelineKey {
  connectionId?: string
  range: HistoryRange
  kind?: HistoryKind
  limit: number
}

const timelineCache = createCache<Timeline>()
const latencyCache = createCache<LatencySeries>()
const exitIpsCache = createCache<ExitIpSummary[]>()
const ipReuseCache = createCache<IpReuse[]>()

/** Loads once more when a screen opens, so it shows history up to now; the last data stays on screen meanwhile. */
function useFreshCached<T>(cache: CacheStore<T>, key: string, fetch: () => Promise<T>): CachedData<T> {
  const cached = useCached(cache, key, fetch)
  const { refresh } = cached
  useEffect(() => {
    // The cache skips this while the first load runs; for a key loaded on an earlier visit it fetches again.
    void refresh()
  }, [key]) // eslint-disable-line react-hooks/exhaustive-deps
  return cached
}

export function useTimeline(query: TimelineKey): CachedData<Timeline> {
  const key = `${query.connectionId ?? '*'}|${query.range}|${query.kind ?? 'all'}|${query.limit}`
  return useFreshCached(timelineCache, key, () => {
    const to = Date.now()
    return getApi().history.timeline({
      ...(query.connectionId ? { connectionId: query.connectionId } : {}),
      from: to - HISTORY_RANGES[query.range],
      to,
      ...(query.kind ? { kinds: [query.kind] } : {}),
      limit: query.limit,
    })
  })
}

export function useLatency(connectionId: string, range: HistoryRange): CachedData<LatencySeries> {
  return useFreshCached(latencyCache, `${connectionId}|${range}`, () => {
    const to = Date.now()
    return getApi().history.latency({ connectionId, from: to - HISTORY_RANGES[range], to, maxPoints: LATENCY_POINTS })
  })
}

export const useExitIps = (connectionId: string): CachedData<ExitIpSummary[]> =>
  useFreshCached(exitIpsCache, connectionId, () => getApi().history.exitIps({ connectionId }))

export const useIpReuse = (window: ReuseWindow): CachedData<IpReuse[]> =>
  useFreshCached(ipReuseCache, window, () => getApi().history.ipReuse({ windowMs: REUSE_WINDOWS[window] }))

interface RetentionState {
  days?: number
  loading: boolean
  saving: boolean
  error?: string
  load(): Promise<void>
  /** Throws what main refused, for the form to show. */
  save(days: number): Promise<void>
}

/** How many days of history main keeps (one setting for the app, not per profile). */
export const useRetention = create<RetentionState>((set, get) => ({
  loading: false,
  saving: false,
  async load() {
    if (get().loading) return
    set({ loading: true, error: undefined })
    try {
      set({ days: (await getApi().history.retention()).days, loading: false })
    } catch (err) {
      set({ loading: false, error: errorMessage(err) })
    }
  },
  async save(days) {
    set({ saving: true })
    try {
      set({ days: (await getApi().history.setRetention({ days })).days, saving: false })
    } catch (err) {
      set({ saving: false })
      throw err
    }
  },
}))

interface NoticeState {
  notice?: HistoryNotice
  asked: boolean
  /** Asks main once per page load; main answers with the notice only the first time it is asked. */
  take(): Promise<void>
  dismiss(): void
}

export const useHistoryNotice = create<NoticeState>((set, get) => ({
  asked: false,
  async take() {
    if (get().asked) return
    set({ asked: true })
    try {
      const notice = await getApi().history.takeNotice()
      if (notice) set({ notice })
    } catch {
      // Nothing to tell, or main could not say: the app works the same either way.
    }
  },
  dismiss: () => set({ notice: undefined }),
}))
