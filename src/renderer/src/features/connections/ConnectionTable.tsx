import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ConnectionColumn, ConnectionsView } from '../../stores/connections-view'
import { useConnectionsView } from '../../stores/connections-view'
import { useNavigation } from '../../stores/navigation'
import { daysLeft, EXPIRING_SOON_DAYS } from './format'
import type { ConnectionRow } from './connection-rows'
import { LocalTime } from '../../ui/LocalTime'
import { DATE_TIME, localTimeText, utcText } from '../../ui/time-text'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'
import { ExitIpCell, LastCheckCell, UptimeCell } from './board-cells'
import { RowActions, type RowOutcome } from './RowActions'

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

/** The date part of the app's one date format ("30 Dec 2026"); the full local time and UTC on hover. */
const DATE_ONLY: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }

function planCell(row: ConnectionRow, now: number, t: TFunction, language: string) {
  if (row.expiresAt === undefined) return <span className="muted">{t('connections.noPlan')}</span>
  const days = daysLeft(row.expiresAt, now)
  const state = days <= 0 ? 'plan-expired' : days <= EXPIRING_SOON_DAYS ? 'plan-soon' : 'plan-ok'
  return (
    <>
      <span className={`plan ${state}`}>{days <= 0 ? t('connections.expired') : t('connections.board.daysLeft', { count: days })}</span>
      <small className="muted">
        <time dateTime={new Date(row.expiresAt).toISOString()} title={`${localTimeText(row.expiresAt, DATE_TIME, language)} (${utcText(row.expiresAt)})`}>
          {localTimeText(row.expiresAt, DATE_ONLY, language)}
        </time>
      </small>
    </>
  )
}

/** Columns only a wide window has room for (the grid's own folding handles 900 px; these go first). */
const WIDE_WINDOW = '(min-width: 1540px)'

interface ColumnContext {
  t: TFunction
  language: string
  now: number
  wide: boolean
  open(id: string): void
  onOutcome(outcome: RowOutcome): void
}

/**
 * At 1280 px every column shown fits without cutting (the grid is ~990 px); below 960 px of grid the medium
 * columns fold, below 720 px (a 900 px window) the narrow ones, leaving name, status, exit IP and the quick actions.
 */
function columnsFor({ t, language, now, wide, open, onOutcome }: ColumnContext): GridColumn<ConnectionRow>[] {
  const label = (id: ConnectionColumn) => t(`connections.columns.${id}`)
  const russian = language.startsWith('ru')
  const columns: Array<GridColumn<ConnectionRow> | false> = [
    {
      id: 'name',
      label: label('name'),
      width: 'minmax(100px, 1.4fr)',
      header: true,
      render: (row) => (
        <>
          <button type="button" className="row-link" title={row.name} onClick={() => open(row.id)}>
            {row.name}
          </button>
          <small className="muted">{[countryName(row.country, language), row.city.toUpperCase()].filter(Boolean).join(' · ')}</small>
        </>
      ),
    },
    {
      id: 'status',
      label: label('status'),
      width: 'minmax(124px, 1fr)',
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
    { id: 'uptime', label: label('uptime'), width: '98px', fold: 'narrow', render: (row) => <UptimeCell row={row} t={t} language={language} /> },
    { id: 'lastCheck', label: label('lastCheck'), width: 'minmax(96px, 1fr)', fold: 'narrow', render: (row) => <LastCheckCell row={row} t={t} /> },
    { id: 'exitIp', label: label('exitIp'), width: 'minmax(146px, 1.2fr)', render: (row) => <ExitIpCell row={row} t={t} /> },
    {
      id: 'ipChanges',
      label: label('ipChanges'),
      width: '90px',
      fold: 'medium',
      render: (row) => <span className="num">{row.ipChanges24h ?? '—'}</span>,
    },
    { id: 'plan', label: label('plan'), width: 'minmax(108px, 0.9fr)', fold: 'narrow', render: (row) => planCell(row, now, t, language) },
    wide && {
      id: 'phone',
      label: label('phone'),
      width: 'minmax(130px, 1.2fr)',
      fold: 'medium',
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
    wide && { id: 'proxies', label: label('proxies'), width: '72px', fold: 'medium', render: (row) => <span className="num">{row.proxies}</span> },
    wide && {
      id: 'lastActivity',
      label: label('lastActivity'),
      width: 'minmax(110px, 1fr)',
      fold: 'medium',
      render: (row) => (row.lastActivity !== undefined ? <LocalTime value={row.lastActivity} display="ago" /> : <span className="muted">—</span>),
    },
    {
      id: 'actions',
      label: t('connections.board.actions'),
      // Two stacked buttons: as wide as the longer label in the interface's language.
      width: russian ? '188px' : '128px',
      sortable: false,
      hideLabel: true,
      cellClassName: 'board-actions',
      render: (row) => <RowActions row={row} onOutcome={onOutcome} />,
    },
  ]
  return columns.filter((column): column is GridColumn<ConnectionRow> => column !== false)
}

interface ConnectionTableProps {
  profileId: string
  rows: readonly ConnectionRow[]
  view: ConnectionsView
  now: number
  onOutcome(outcome: RowOutcome): void
}

export function ConnectionTable({ profileId, rows, view, now, onOutcome }: ConnectionTableProps) {
  const { t, i18n } = useTranslation()
  const openConnection = useNavigation((s) => s.openConnection)
  const { sortBy, toggle, toggleAll } = useConnectionsView.getState()
  const open = useCallback((id: string) => openConnection(id), [openConnection])
  const wide = useMediaQuery(WIDE_WINDOW)
  const columns = useMemo(() => columnsFor({ t, language: i18n.language, now, wide, open, onOutcome }), [t, i18n.language, now, wide, open, onOutcome])
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

/** Whether the window matches `query`, kept current as it is resized. */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', changed)
      return () => list.removeEventListener('change', changed)
    },
    () => window.matchMedia(query).matches,
  )
}
