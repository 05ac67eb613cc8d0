/**
 * The home screen, the fleet board: every connection of the account with its live status and plan, joined with
 * what the history database knows of it (uptime, last check, current exit IP and its warnings, IP changes). Three
 * account-wide requests however many connections there are (connections, statuses, proxy accesses) and one local
 * history read; statuses refresh every 30 s while the screen is visible, and on demand, and the board follows them
 * and every finished check.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { selectConnectionsView, useConnectionsView } from '../../stores/connections-view'
import { BulkActions } from './BulkActions'
import { ConnectionFilters } from './ConnectionFilters'
import { ConnectionTable } from './ConnectionTable'
import { NewConnectionDialog } from './NewConnectionDialog'
import { RefreshNotices } from '../../ui/RefreshNotice'
import { buildRows, filterRows, proxyCounts, sortRows } from './connection-rows'
import { LocalTime } from '../../ui/LocalTime'
import './connections.css'
import { connectionStore, reloadStatuses, useStatuses } from '../../stores/connections'
import { reloadBoard, reloadBoardAfterChecks, useBoard } from '../../stores/board'
import type { RowOutcome } from './RowActions'
import { proxyStore } from '../../stores/proxies'

export const STATUS_REFRESH_MS = 30_000

export function ConnectionsScreen() {
  const { t } = useTranslation()
  const connections = connectionStore.useList()
  const statuses = useStatuses()
  const proxies = proxyStore.useList()
  const profileId = connections.profileId
  const view = useConnectionsView(selectConnectionsView(profileId))
  const [creating, setCreating] = useState(false)
  const [notice, setNotice] = useState<string>()
  const [rowOutcome, setRowOutcome] = useState<RowOutcome>()
  const board = useBoard()

  // Statuses every 30 s while this screen is shown and the window visible: one request for all connections.
  useEffect(() => {
    if (!profileId) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reloadStatuses(profileId)
    }, STATUS_REFRESH_MS)
    return () => clearInterval(timer)
  }, [profileId])

  // The history records what the statuses and connections calls returned: read the board after each of them, and
  // after checks and changes of IP finish anywhere in the app.
  useEffect(() => {
    if (profileId && (statuses.loadedAt !== undefined || connections.loadedAt !== undefined)) void reloadBoard(profileId)
  }, [profileId, statuses.loadedAt, connections.loadedAt])
  useEffect(() => (profileId ? reloadBoardAfterChecks(profileId) : undefined), [profileId])

  const onRowOutcome = useCallback(
    (outcome: RowOutcome) => {
      setRowOutcome(outcome)
      if (profileId) void reloadStatuses(profileId)
    },
    [profileId],
  )

  const refreshAll = useCallback(() => {
    if (!profileId) return
    void connectionStore.refresh(profileId)
    void reloadStatuses(profileId)
    void proxyStore.refresh(profileId)
  }, [profileId])
  const refreshStatuses = useCallback(() => {
    if (profileId) void reloadStatuses(profileId)
  }, [profileId])

  // "now" moves with each statuses refresh, so days left and sorting by plan stay current without a timer per row.
  const now = statuses.loadedAt ?? connections.loadedAt ?? 0
  const counts = useMemo(() => proxyCounts(proxies.data), [proxies.data])
  const rows = useMemo(() => buildRows(connections.data ?? [], statuses.data, counts, board.data), [connections.data, statuses.data, counts, board.data])
  const sorted = useMemo(() => sortRows(rows, view.sort, now), [rows, view.sort, now])
  const shown = useMemo(
    () => filterRows(sorted, { search: view.search, status: view.status, country: view.country, warning: view.warning }),
    [sorted, view.search, view.status, view.country, view.warning],
  )
  const countries = useMemo(() => [...new Set(rows.map((r) => r.country).filter(Boolean))].sort(), [rows])
  const selection = useMemo(() => sorted.filter((row) => view.selected.has(row.id)).map((row) => ({ id: row.id, name: row.name })), [sorted, view.selected])
  // "Everything the filter shows", for the bulk bar's other choice.
  const shownTargets = useMemo(() => shown.map((row) => ({ id: row.id, name: row.name })), [shown])

  const loading = connections.loading || statuses.loading || proxies.loading
  const problems = [
    { error: connections.error, retry: () => void connections.refresh() },
    { error: statuses.error, retry: () => void statuses.refresh() },
    { error: proxies.error, retry: () => void proxies.refresh() },
    { error: board.error, retry: () => void board.refresh() },
  ]

  if (!profileId) return null
  return (
    <div className="list-screen connections-screen">
      <div className="list-toolbar">
        <ConnectionFilters profileId={profileId} view={view} countries={countries} />
        <div className="list-toolbar-end">
          {statuses.loadedAt !== undefined && (
            <small className="muted">
              <LocalTime value={statuses.loadedAt} display="ago" prefix={(time) => t('connections.updatedAt', { time })} />
            </small>
          )}
          <button type="button" data-shortcut="refresh" onClick={refreshAll} disabled={loading}>
            {loading ? t('connections.refreshing') : t('connections.refresh')}
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('connections.create.open')}
          </button>
        </div>
      </div>
      <RefreshNotices problems={problems} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <BulkActions profileId={profileId} selection={selection} shown={shownTargets} onDone={refreshStatuses} />
      {connections.data === undefined ? (
        connections.loading && <p className="empty-state">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('connections.empty')}</p>
      ) : (
        <>
          <p className="list-count muted" aria-live="polite">
            {t('connections.shown', { shown: shown.length, total: rows.length })}
          </p>
          {shown.length === 0 && <p className="empty-state">{t('connections.noMatch')}</p>}
          <ConnectionTable profileId={profileId} rows={shown} view={view} now={now} onOutcome={onRowOutcome} />
        </>
      )}
      {rowOutcome && (
        <div className={`connections-float row-outcome ${rowOutcome.failed ? 'outcome-failed' : ''}`}>
          <p role={rowOutcome.failed ? 'alert' : 'status'}>{rowOutcome.text}</p>
          <button type="button" onClick={() => setRowOutcome(undefined)}>
            {t('connections.bulk.dismiss')}
          </button>
        </div>
      )}
      {creating && (
        <NewConnectionDialog
          onClose={() => setCreating(false)}
          onCreated={(_created, name) => {
            setCreating(false)
            setNotice(t('connections.create.created', { name }))
            refreshAll()
          }}
        />
      )}
    </div>
  )
}
