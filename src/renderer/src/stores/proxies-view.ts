/**
 * The Proxies screen's view state: its filters and columns on the per-profile list view of list-view.ts.
 */
import { createListViewStore } from './list-view'
import type { ListView } from './list-view'

export const PROXY_COLUMNS = ['connection', 'service', 'address', 'auth', 'description', 'expires'] as const
export type ProxyColumn = (typeof PROXY_COLUMNS)[number]
export const EXPIRY_FILTERS = ['never', 'expired', 'soon', 'later'] as const
export type ExpiryFilter = (typeof EXPIRY_FILTERS)[number]

export interface ProxiesView extends ListView<ProxyColumn> {
  /** '' = every connection, otherwise a connection id. */
  connection: string
  /** '' = every value. */
  service: string
  auth: string
  expiry: '' | ExpiryFilter
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

const proxiesView = createListViewStore<ProxiesView, ProxyColumn>(DEFAULT_PROXIES_VIEW)
export const useProxiesView = proxiesView.useView
export const selectProxiesView = proxiesView.select
