/**
 * The Connections screen's view state (search, filters, sort, selection), kept per profile: switching profiles
 * shows that profile's own view and never a selection of another account's connections.
 */
import { create } from 'zustand'

export const CONNECTION_COLUMNS = ['name', 'status', 'location', 'phone', 'plan', 'proxies', 'lastActivity'] as const
export type ConnectionColumn = (typeof CONNECTION_COLUMNS)[number]
export type SortDirection = 'asc' | 'desc'

export interface ConnectionsView {
  search: string
  /** '' = every status. */
  status: string
  /** '' = every country (lower-case code otherwise). */
  country: string
  sort: { column: ConnectionColumn; direction: SortDirection }
  selected: ReadonlySet<string>
}

export const DEFAULT_CONNECTIONS_VIEW: ConnectionsView = {
  search: '',
  status: '',
  country: '',
  sort: { column: 'name', direction: 'asc' },
  selected: new Set(),
}

interface ConnectionsViewState {
  views: Record<string, ConnectionsView>
  patch(profileId: string, change: Partial<ConnectionsView>): void
  /** Sorts by `column`; the same column again flips the direction. */
  sortBy(profileId: string, column: ConnectionColumn): void
  toggle(profileId: string, connId: string): void
  /** Selects `ids` when not all of them are selected yet, otherwise unselects them. */
  toggleAll(profileId: string, ids: readonly string[]): void
}

export const useConnectionsView = create<ConnectionsViewState>((set, get) => {
  const view = (profileId: string) => get().views[profileId] ?? DEFAULT_CONNECTIONS_VIEW
  const put = (profileId: string, next: ConnectionsView) => set({ views: { ...get().views, [profileId]: next } })
  return {
    views: {},
    patch: (profileId, change) => put(profileId, { ...view(profileId), ...change }),
    sortBy: (profileId, column) => {
      const current = view(profileId)
      const direction: SortDirection = current.sort.column === column && current.sort.direction === 'asc' ? 'desc' : 'asc'
      put(profileId, { ...current, sort: { column, direction } })
    },
    toggle: (profileId, connId) => {
      const current = view(profileId)
      const selected = new Set(current.selected)
      if (selected.has(connId)) selected.delete(connId)
      else selected.add(connId)
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

/** The view of `profileId` (the defaults before the user changed anything). */
export function selectConnectionsView(profileId: string | undefined) {
  return (state: ConnectionsViewState): ConnectionsView => (profileId ? state.views[profileId] : undefined) ?? DEFAULT_CONNECTIONS_VIEW
}
