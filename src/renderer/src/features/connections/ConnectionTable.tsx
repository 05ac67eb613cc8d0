import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ConnectionColumn, ConnectionsView } from '../../stores/connections-view'
import { useConnectionsView } from '../../stores/connections-view'
import { useNavigation } from '../../stores/navigation'
import { daysLeft, EXPIRING_SOON_DAYS } from './format'
import type { ConnectionRow } from './connection-rows'
import { LocalTime } from '../../ui/LocalTime'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'

const regionNames = new Map<string, Intl.DisplayNames>()

/** "Russia" for "ru" in English, "Россия" in Russian; the code itself when the name is unknown. */
export function countryName(code: string, language: string): string {
  if (!code) return ''
  let names = regionNames.get(language)
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' })
    regionNames.set(language, names)
  }
  try {
    return names.of(code.toUpperCase()) ?? code.toUpperCase()
  } catch {
    return code.toUpperCase()
  }
}

function planCell(row: ConnectionRow, now: number, t: TFunction) {
  if (row.expiresAt === undefined) return <span className="muted">{t('connections.noPlan')}</span>
  const days = daysLeft(row.expiresAt, now)
  const state = days <= 0 ? 'plan-expired' : days <= EXPIRING_SOON_DAYS ? 'plan-soon' : 'plan-ok'
  return (
    <>
      <span className={`plan ${state}`}>{days <= 0 ? t('connections.expired') : t('connections.daysLeft', { count: days })}</span>
      <small className="muted">
        <LocalTime value={row.expiresAt} />
      </small>
    </>
  )
}

function columnsFor(t: TFunction, language: string, now: number, open: (id: string) => void): GridColumn<ConnectionRow>[] {
  const label = (id: ConnectionColumn) => t(`connections.columns.${id}`)
  return [
    {
      id: 'name',
      label: label('name'),
      width: 'minmax(180px, 2fr)',
      header: true,
      render: (row) => (
        <button type="button" className="row-link" onClick={() => open(row.id)}>
          {row.name}
        </button>
      ),
    },
    {
      id: 'status',
      label: label('status'),
      width: 'minmax(130px, 1fr)',
      render: (row) => (
        <>
          <span className={`status status-${row.status}`}>
            <span className="status-dot" aria-hidden="true" />
            {t(`connections.status.${row.status as 'online'}`, { defaultValue: row.status })}
          </span>
          {row.statusSince !== undefined && (
            <small className="muted">
              <LocalTime value={row.statusSince} display="for" />
            </small>
          )}
        </>
      ),
    },
    {
      id: 'location',
      label: label('location'),
      width: 'minmax(120px, 1fr)',
      render: (row) => (
        <>
          <span>{countryName(row.country, language)}</span>
          <small className="muted">{row.city.toUpperCase()}</small>
        </>
      ),
    },
    {
      id: 'phone',
      label: label('phone'),
      width: 'minmax(150px, 1.3fr)',
      render: (row) =>
        row.manufacturer || row.model ? (
          <>
            <span>{[row.manufacturer, row.model].filter(Boolean).join(' ')}</span>
            {row.androidVersion && <small className="muted">{t('connections.android', { version: row.androidVersion })}</small>}
          </>
        ) : (
          <span className="muted">{t('connections.noPhone')}</span>
        ),
    },
    { id: 'plan', label: label('plan'), width: 'minmax(130px, 1fr)', render: (row) => planCell(row, now, t) },
    { id: 'proxies', label: label('proxies'), width: '80px', render: (row) => <span className="num">{row.proxies}</span> },
    {
      id: 'lastActivity',
      label: label('lastActivity'),
      width: 'minmax(130px, 1fr)',
      render: (row) => (row.lastActivity !== undefined ? <LocalTime value={row.lastActivity} display="ago" /> : <span className="muted">—</span>),
    },
  ]
}

interface ConnectionTableProps {
  profileId: string
  rows: readonly ConnectionRow[]
  view: ConnectionsView
  now: number
}

export function ConnectionTable({ profileId, rows, view, now }: ConnectionTableProps) {
  const { t, i18n } = useTranslation()
  const openConnection = useNavigation((s) => s.openConnection)
  const { sortBy, toggle, toggleAll } = useConnectionsView.getState()
  const open = useCallback((id: string) => openConnection(id), [openConnection])
  const columns = useMemo(() => columnsFor(t, i18n.language, now, open), [t, i18n.language, now, open])
  const onToggle = useCallback((id: string) => toggle(profileId, id), [toggle, profileId])
  return (
    <VirtualGrid
      label={t('connections.table')}
      rows={rows}
      columns={columns}
      rowId={(row) => row.id}
      sorting={{ sort: view.sort, onSort: (column) => sortBy(profileId, column as ConnectionColumn), sortLabel: (column) => t('connections.sortBy', { column }) }}
      selection={{
        selected: view.selected,
        onToggle,
        onToggleAll: () => toggleAll(profileId, rows.map((row) => row.id)),
        selectAllLabel: t('connections.selectAll'),
        selectRowLabel: (row) => t('connections.selectRow', { name: row.name }),
      }}
      rowHeight={48}
      className="connections-grid"
    />
  )
}
