import { Suspense, useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useNavigation } from '../../stores/navigation'
import type { ProxiesView, ProxyColumn } from '../../stores/proxies-view'
import { useProxiesView } from '../../stores/proxies-view'
import { CopyProxyLineButton, HealthResultCell } from '../../ui/lazy-parts'
import { LocalTime } from '../../ui/LocalTime'
import { SHORT_DATE_TIME } from '../../ui/time-text'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'
import type { ProxyRow } from './proxy-rows'
import { expiryClass } from './proxy-rows'

function columnsFor(t: TFunction, now: number, open: (connId: string) => void): GridColumn<ProxyRow>[] {
  const label = (id: ProxyColumn) => t(`proxies.columns.${id}`)
  return [
    {
      id: 'connection',
      label: label('connection'),
      width: 'minmax(130px, 1.5fr)',
      header: true,
      render: (row) =>
        row.connectionName !== undefined ? (
          <button type="button" className="row-link" title={t('proxies.openConnection', { name: row.connectionName })} onClick={() => open(row.connectionId)}>
            {row.connectionName}
          </button>
        ) : (
          <span className="muted">{t('proxies.unknownConnection', { id: row.connectionId })}</span>
        ),
    },
    {
      id: 'service',
      label: label('service'),
      width: '80px',
      render: (row) => <span>{t(`proxies.service.${row.service as 'http'}`, { defaultValue: row.service })}</span>,
    },
    {
      id: 'address',
      label: label('address'),
      width: 'minmax(150px, 1.3fr)',
      render: (row) => (
        <>
          <span className="mono">
            {row.hostname}:{row.port}
          </span>
          {row.ip !== row.hostname && <small className="muted mono">{row.ip}</small>}
        </>
      ),
    },
    {
      id: 'auth',
      label: label('auth'),
      width: 'minmax(130px, 1fr)',
      render: (row) => (
        <>
          <span>{t(`proxies.auth.${row.auth as 'userpass'}`, { defaultValue: row.auth })}</span>
          {row.login && <small className="muted mono col-login">{row.login}</small>}
        </>
      ),
    },
    { id: 'description', label: label('description'), width: 'minmax(80px, 1fr)', render: (row) => <span title={row.description}>{row.description ?? ''}</span> },
    {
      id: 'expires',
      label: label('expires'),
      width: 'minmax(110px, 1fr)',
      render: (row) => {
        const state = expiryClass(row, now)
        if (row.expiresAt === undefined) return <span className="muted">{t('proxies.expiry.never')}</span>
        return (
          <>
            <span className={`expiry expiry-${state}`}>
              <LocalTime value={row.expiresAt} options={SHORT_DATE_TIME} />
            </span>
            {state !== 'later' && <small className={`expiry expiry-${state}`}>{t(`proxies.expiry.${state}`)}</small>}
          </>
        )
      },
    },
    {
      id: 'health',
      label: t('proxies.columns.health'),
      width: 'minmax(120px, 1.2fr)',
      sortable: false,
      render: (row) => (
        <Suspense fallback={null}>
          <HealthResultCell itemKey={row.id} />
        </Suspense>
      ),
    },
    {
      id: 'copy',
      label: t('proxies.columns.copy'),
      width: '160px',
      sortable: false,
      render: (row) => (
        <Suspense fallback={null}>
          <CopyProxyLineButton proxyId={row.id} name={`${row.hostname}:${row.port}`} />
        </Suspense>
      ),
    },
  ]
}

interface ProxyTableProps {
  profileId: string
  rows: readonly ProxyRow[]
  view: ProxiesView
  now: number
}

export function ProxyTable({ profileId, rows, view, now }: ProxyTableProps) {
  const { t } = useTranslation()
  const openConnection = useNavigation((s) => s.openConnection)
  const { sortBy, toggle, toggleAll } = useProxiesView.getState()
  const open = useCallback((connId: string) => openConnection(connId, 'proxies'), [openConnection])
  const columns = useMemo(() => columnsFor(t, now, open), [t, now, open])
  const onToggle = useCallback((id: string) => toggle(profileId, id), [toggle, profileId])
  return (
    <VirtualGrid
      label={t('proxies.table')}
      rows={rows}
      columns={columns}
      rowId={(row) => row.id}
      sorting={{ sort: view.sort, onSort: (column) => sortBy(profileId, column as ProxyColumn), sortLabel: (column) => t('proxies.sortBy', { column }) }}
      selection={{
        selected: view.selected,
        onToggle,
        onToggleAll: () => toggleAll(profileId, rows.map((row) => row.id)),
        selectAllLabel: t('proxies.selectAll'),
        selectRowLabel: (row) => t('proxies.selectRow', { proxy: `${row.connectionName ?? row.connectionId} ${row.hostname}:${row.port}` }),
      }}
      rowHeight={48}
      className="proxies-grid"
    />
  )
}
