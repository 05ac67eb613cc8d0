/**
 * The Proxies screen's view state (search, filters, sort, selection), kept per profile: switching profiles
 * shows that profile's own view and never a selection of another account's proxies.
 */
import { create } from 'zustand'
import type { SortDirection } from './connections-view'

export const PROXY_COLUMNS = ['connection', 'service', 'address', 'auth', 'description', 'expires'] as const
export type ProxyColumn = (typeof PROXY_COLUMNS)[number]
export const EXPIRY_FILTERS = ['never', 'expired', 'soon', 'later'] as const
export type ExpiryFilter = (typeof EXPIRY_FILTERS)[number]

export interface ProxiesView {
  search: string
  /** '' = every connection, otherwise a connection id. */
  connection: string
  /** '' = every value. */
  service: string
  auth: string
  expiry: '' | ExpiryFilter
  sort: { column: ProxyColumn; direction: SortDirection }
  selected: ReadonlySet<string>
}

export const DEFAULT_PROXIES_VIEW: ProxiesView = {
  search: '',
  connection: '',
  service: '',
  auth: '',
  expiry: '',
  sort: { column: 'connection', direction: 'asc' },
  selected: new Set(),
}

interface ProxiesViewState {
  views: Record<string, ProxiesView>
  patch(profileId: string, change: Partial<ProxiesView>): void
  sortBy(profileId: string, column: ProxyColumn): void
  toggle(profileId: string, proxyId: string): void
  toggleAll(profileId: string, ids: readonly string[]): void
}

export const useProxiesView = create<ProxiesViewState>((set, get) => {
  const view = (profileId: string) => get().views[profileId] ?? DEFAULT_PROXIES_VIEW
  const put = (profileId: string, next: ProxiesView) => set({ views: { ...get().views, [profileId]: next } })
  return {
    views: {},
    patch: (profileId, change) => put(profileId, { ...view(profileId), ...change }),
    sortBy: (profileId, column) => {
      const current = view(profileId)
      const direction: SortDirection = current.sort.column === column && current.sort.direction === 'asc' ? 'desc' : 'asc'
      put(profileId, { ...current, sort: { column, direction } })
    },
    toggle: (profileId, proxyId) => {
      const current = view(profileId)
      const selected = new Set(current.selected)
      if (selected.has(proxyId)) selected.delete(proxyId)
      else selected.add(proxyId)
      put(profileId, { ...current, selected })
    },
    toggleAll: (profileId, ids) => {
      const current = view(profileId)
      const allSelected = ids.length > 0 && ids.every((id) => current.selected.has(id))
      const selected = new Set(current.selected)
      for (const id of ids) {
        if (allSelected) selected.delete(id)
        else selected.add(id)
      }
      put(profileId, { ...current, selected })
    },
  }
})

export function selectProxiesView(profileId: string | undefined) {
  return (state: ProxiesViewState): ProxiesView => (profileId ? state.views[profileId] : undefined) ?? DEFAULT_PROXIES_VIEW
}
