/**
 * Per-connection data of the detail view (the connection itself, its SMS), cached per profile and connection:
 * entries are keyed by profile id *and* connection id, so switching profiles never shows another account's data,
 * and nothing is fetched until a detail tab that needs it opens. A failed refresh keeps the last good data.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { Connection, SmsMessage } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'
import { useConnectionsCache } from './account-lists'
import type { CacheEntry } from './profile-cache'
import { selectActiveProfile, useProfiles } from './profiles'

type Kind = 'connection' | 'sms'
interface KindData {
  connection: Connection
  sms: SmsMessage[]
}

const FETCHERS: { [K in Kind]: (connId: string) => Promise<KindData[K]> } = {
  connection: (connId) => getApi().connections.get({ connId }),
  sms: (connId) => getApi().connections.smsHistory({ connId }),
}

interface DetailState {
  connection: Record<string, CacheEntry<Connection>>
  sms: Record<string, CacheEntry<SmsMessage[]>>
  load<K extends Kind>(kind: K, profileId: string, connId: string, options?: { force?: boolean }): Promise<void>
  /** Applies a change the API confirmed (a save's answer) without another request. */
  patchConnection(profileId: string, connId: string, change: (conn: Connection) => Connection): void
}

export const detailKey = (profileId: string, connId: string): string => `${profileId}\u0000${connId}`

export const useConnectionDetail = create<DetailState>((set, get) => ({
  connection: {},
  sms: {},
  async load(kind, profileId, connId, options = {}) {
    const key = detailKey(profileId, connId)
    const entries = get()[kind] as Record<string, CacheEntry<unknown>>
    const current = entries[key]
    if (current?.loading || (current?.data !== undefined && !options.force)) return
    const put = (entry: CacheEntry<unknown>) => set({ [kind]: { ...(get()[kind] as object), [key]: entry } } as Partial<DetailState>)
    put({ ...current, loading: true })
    try {
      const data = await FETCHERS[kind](connId)
      put({ data, loadedAt: Date.now(), loading: false })
    } catch (err) {
      const latest = (get()[kind] as Record<string, CacheEntry<unknown>>)[key]
      put({ ...latest, loading: false, error: errorMessage(err) })
    }
  },
  patchConnection(profileId, connId, change) {
    const key = detailKey(profileId, connId)
    const entry = get().connection[key]
    if (!entry?.data) return
    const next = change(entry.data)
    set({ connection: { ...get().connection, [key]: { ...entry, data: next } } })
    // The account-wide list shows names and plans too: keep it in step rather than refetching it.
    useConnectionsCache.getState().update(profileId, (list) => (list ?? []).map((c) => (c.id === connId ? next : c)))
  },
}))

export type DetailData<T> = CacheEntry<T> & { profileId?: string; refresh(): Promise<void> }

function useDetailData<K extends Kind>(kind: K, connId: string): DetailData<KindData[K]> {
  const profileId = useProfiles((s) => selectActiveProfile(s)?.id)
  const { entry, load } = useConnectionDetail(
    useShallow((s) => ({
      entry: profileId ? (s[kind] as Record<string, CacheEntry<KindData[K]>>)[detailKey(profileId, connId)] : undefined,
      load: s.load,
    })),
  )
  useEffect(() => {
    if (profileId) void load(kind, profileId, connId)
  }, [kind, profileId, connId, load])
  return {
    ...(entry ?? { loading: profileId !== undefined }),
    ...(profileId ? { profileId } : {}),
    refresh: () => (profileId ? load(kind, profileId, connId, { force: true }) : Promise.resolve()),
  }
}

/** The connection (GET /connections/{id}), loaded when the detail opens. */
export const useConnectionData = (connId: string): DetailData<Connection> => useDetailData('connection', connId)
/** The last 100 SMS, loaded when the SMS tab opens. */
export const useSmsData = (connId: string): DetailData<SmsMessage[]> => useDetailData('sms', connId)
