/**
 * The Connections screen's (the fleet board's) view state: its filters and columns on the per-profile list view of list-view.ts.
 */
import { createListViewStore } from './list-view'
import type { ListView } from './list-view'

/** The board's columns (the location shows under the name; phone, proxies and last activity on wide windows). */
export const CONNECTION_COLUMNS = ['name', 'status', 'uptime', 'lastCheck', 'exitIp', 'ipChanges', 'plan', 'phone', 'proxies', 'lastActivity'] as const
export type ConnectionColumn = (typeof CONNECTION_COLUMNS)[number]

export interface ConnectionsView extends ListView<ConnectionColumn> {
  /** '' = every status. */
  status: string
  /** '' = every country (lower-case code otherwise). */
  country: string
  /** Only connections whose exit IP is flagged as repeated or shared. */
  warning: boolean
}

export const DEFAULT_CONNECTIONS_VIEW: ConnectionsView = {
  search: '',
  status: '',
  country: '',
  warning: false,
  sort: { column: 'name', direction: 'asc' },
  selected: new Set(),
}

const connectionsView = createListViewStore<ConnectionsView, ConnectionColumn>(DEFAULT_CONNECTIONS_VIEW)
export const useConnectionsView = connectionsView.useView
export const selectConnectionsView = connectionsView.select
