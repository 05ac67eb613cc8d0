/**
 * The Connections screen's view state: its filters and columns on the per-profile list view of list-view.ts.
 */
import { createListViewStore } from './list-view'
import type { ListView } from './list-view'

export const CONNECTION_COLUMNS = ['name', 'status', 'location', 'phone', 'plan', 'proxies', 'lastActivity'] as const
export type ConnectionColumn = (typeof CONNECTION_COLUMNS)[number]

export interface ConnectionsView extends ListView<ConnectionColumn> {
  /** '' = every status. */
  status: string
  /** '' = every country (lower-case code otherwise). */
  country: string
}

export const DEFAULT_CONNECTIONS_VIEW: ConnectionsView = {
  search: '',
  status: '',
  country: '',
  sort: { column: 'name', direction: 'asc' },
  selected: new Set(),
}

const connectionsView = createListViewStore<ConnectionsView, ConnectionColumn>(DEFAULT_CONNECTIONS_VIEW)
export const useConnectionsView = connectionsView.useView
export const selectConnectionsView = connectionsView.select
