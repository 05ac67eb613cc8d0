import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { WATCH_EVENT_KINDS, type WatchEvent, type WatchEventKind } from '../../../../shared/watch'
import { useConnectionNames } from '../../stores/connections'
import { mergeEvents, useWatch, type ActivityFilter } from '../../stores/watch'
import { LocalTime } from '../../ui/LocalTime'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { VirtualGrid, type GridColumn } from '../../ui/VirtualGrid'
import { AuditList } from '../history/AuditList'
import { ConnectionLink } from '../history/ConnectionLink'
import { FleetStatus } from './FleetStatus'
import { isProblem, watchEventText } from './watch-text'
import './activity.css'

const rowKey = (event: WatchEvent, index: number): string => (event.id !== undefined ? `id-${event.id}` : `live-${event.at}-${event.kind}-${event.connectionId ?? ''}-${index}`)

/**
 * The Activity section: the fleet's state, then the watch's events, newest first: the ones raised while the screen
 * is open appear at the top as they come (`watch.raised`), older ones are read from the history database. Filtered
 * by kind and by connection. Below them, the audit trail: each bulk run and rule run with its steps, as CSV too.
 */
export function ActivityScreen() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<ActivityFilter>({})
  const { live, stored, loading, error, loadEvents } = useWatch(
    useShallow((s) => ({ live: s.live, stored: s.stored, loading: s.loadingEvents, error: s.eventsError, loadEvents: s.loadEvents })),
  )
  const { connections, names } = useConnectionNames(true)
  useEffect(() => {
    void loadEvents(filter)
  }, [filter, loadEvents])

  const events = useMemo(() => mergeEvents(live, stored?.events ?? [], filter), [live, stored, filter])
  const rows = useMemo(() => events.map((event, index) => ({ event, key: rowKey(event, index) })), [events])
  const nameOf = (event: WatchEvent) => (event.connectionId ? (names?.get(event.connectionId) ?? event.connectionName) : undefined)
  const columns: GridColumn<(typeof rows)[number]>[] = [
    { id: 'time', label: t('activity.columns.time'), width: 'minmax(150px, 1fr)', sortable: false, render: ({ event }) => <LocalTime value={event.at} /> },
    {
      id: 'kind',
      label: t('activity.columns.kind'),
      width: 'minmax(130px, 1fr)',
      sortable: false,
      header: true,
      render: ({ event }) => <span className={`activity-kind${isProblem(event) ? ' activity-kind-problem' : ''}`}>{t(`activity.kinds.${event.kind}`)}</span>,
    },
    {
      id: 'connection',
      label: t('activity.columns.connection'),
      width: 'minmax(150px, 1.4fr)',
      sortable: false,
      render: ({ event }) => (event.connectionId ? <ConnectionLink id={event.connectionId} name={nameOf(event)} /> : <span>{t('activity.fleet')}</span>),
    },
    { id: 'details', label: t('activity.columns.details'), width: 'minmax(200px, 2.4fr)', sortable: false, render: ({ event }) => <span>{watchEventText(t, event)}</span> },
  ]
  // The connections to filter by: the account's, and any an event names that the account no longer lists.
  const choices = useMemo(() => {
    const known = new Map((connections ?? []).map((c) => [c.id, c.basic_info.name]))
    for (const event of events) if (event.connectionId && !known.has(event.connectionId)) known.set(event.connectionId, event.connectionName ?? event.connectionId)
    return [...known].sort((a, b) => a[1].localeCompare(b[1]))
  }, [connections, events])

  return (
    <div className="activity-screen">
      <p className="field-hint">{t('activity.intro')}</p>
      <FleetStatus />
      <div className="toolbar activity-toolbar">
        <label className="field inline-field">
          <span>{t('activity.filters.kind')}</span>
          <select value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: (e.target.value || undefined) as WatchEventKind | undefined })}>
            <option value="">{t('activity.filters.allKinds')}</option>
            {WATCH_EVENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`activity.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('activity.filters.connection')}</span>
          <select value={filter.connectionId ?? ''} onChange={(e) => setFilter({ ...filter, connectionId: e.target.value || undefined })}>
            <option value="">{t('activity.filters.allConnections')}</option>
            {choices.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void loadEvents(filter)} disabled={loading}>
          {t('activity.refresh')}
        </button>
      </div>
      <RefreshNotice error={error} onRetry={() => void loadEvents(filter)} />
      {rows.length === 0 ? (
        stored === undefined && loading ? <p>{t('app.loading')}</p> : <p className="empty-state">{t('activity.empty')}</p>
      ) : (
        <VirtualGrid label={t('activity.gridLabel')} rows={rows} columns={columns} rowId={(row) => row.key} rowHeight={40} fit className="activity-grid" />
      )}
      {stored?.truncated && <p className="field-hint">{t('activity.truncated', { count: stored.events.length })}</p>}
      <section className="activity-runs" aria-labelledby="activity-runs-title">
        <h2 id="activity-runs-title">{t('audit.title')}</h2>
        <p className="field-hint">{t('audit.intro')}</p>
        <AuditList names={names} />
      </section>
    </div>
  )
}
