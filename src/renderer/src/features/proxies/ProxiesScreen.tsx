/**
 * Every proxy access of the account (one GET /proxy-access) with its connection's name (from the account-wide
 * connection list, also one request): search, filters by connection, service, authentication and expiry, sort
 * by any column, multi-select.
 */
import { Suspense, useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { selectProxiesView, useProxiesView } from '../../stores/proxies-view'
import { CheckButton, ExportProxiesButton } from '../../ui/lazy-parts'
import { RefreshNotices } from '../../ui/RefreshNotice'
import { ProxyFilters } from './ProxyFilters'
import { ProxyTable } from './ProxyTable'
import { buildProxyRows, filterProxyRows, sortProxyRows } from './proxy-rows'
import '../connections/connections.css'
import './proxies.css'
import { connectionStore } from '../../stores/connections'
import { proxyStore } from '../../stores/proxies'

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

export function ProxiesScreen() {
  const { t } = useTranslation()
  const proxies = proxyStore.useList()
  const connections = connectionStore.useList()
  const profileId = proxies.profileId
  const view = useProxiesView(selectProxiesView(profileId))
  const patch = useProxiesView((s) => s.patch)

  const now = proxies.loadedAt ?? 0
  const rows = useMemo(() => buildProxyRows(proxies.data ?? [], connections.data), [proxies.data, connections.data])
  const sorted = useMemo(() => sortProxyRows(rows, view.sort), [rows, view.sort])
  const shown = useMemo(
    () => filterProxyRows(sorted, { search: view.search, connection: view.connection, service: view.service, auth: view.auth, expiry: view.expiry }, now),
    [sorted, view.search, view.connection, view.service, view.auth, view.expiry, now],
  )
  const withProxies = useMemo(() => {
    const ids = new Set(rows.map((r) => r.connectionId))
    return (connections.data ?? [])
      .filter((c) => ids.has(c.id))
      .map((c) => ({ id: c.id, name: c.basic_info.name }))
      .sort((a, b) => byName.compare(a.name, b.name))
  }, [rows, connections.data])
  const selectedRows = useMemo(() => (view.selected.size === 0 ? [] : sorted.filter((row) => view.selected.has(row.id))), [sorted, view.selected])
  const selectedCount = selectedRows.length

  const refresh = useCallback(() => {
    if (!profileId) return
    void proxyStore.refresh(profileId)
    void connectionStore.refresh(profileId)
  }, [profileId])

  if (!profileId) return null
  const loading = proxies.loading || connections.loading
  return (
    <div className="list-screen proxies-screen">
      <div className="list-toolbar">
        <ProxyFilters profileId={profileId} view={view} connections={withProxies} />
        <div className="list-toolbar-end">
          <button type="button" data-shortcut="refresh" onClick={refresh} disabled={loading}>
            {loading ? t('proxies.refreshing') : t('proxies.refresh')}
          </button>
        </div>
      </div>
      <RefreshNotices
        problems={[
          { error: proxies.error, retry: () => void proxies.refresh() },
          { error: connections.error, retry: () => void connections.refresh() },
        ]}
      />
      {selectedCount > 0 && (
        <div role="toolbar" aria-label={t('proxies.bulkLabel')} className="bulk-bar">
          <span className="bulk-count">{t('proxies.selected', { count: selectedCount })}</span>
          <Suspense fallback={null}>
            <CheckButton
              items={selectedRows.map((row) => ({ connectionId: row.connectionId, proxyId: row.id }))}
              batchTitle={{ kind: 'selection', count: selectedCount }}
            />
            <ExportProxiesButton proxyIds={selectedRows.map((row) => row.id)} />
          </Suspense>
          <button type="button" onClick={() => patch(profileId, { selected: new Set() })}>
            {t('proxies.clearSelection')}
          </button>
        </div>
      )}
      {proxies.data === undefined ? (
        proxies.loading && <p className="empty-state">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('proxies.empty')}</p>
      ) : (
        <>
          <p className="list-count muted" aria-live="polite">
            {t('proxies.shown', { shown: shown.length, total: rows.length })}
          </p>
          {shown.length === 0 && <p className="empty-state">{t('proxies.noMatch')}</p>}
          <ProxyTable scope="account" profileId={profileId} rows={shown} view={view} now={now} />
        </>
      )}
    </div>
  )
}
