import { Suspense, useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ProxyAccessView } from '../../../../shared/iproxy/proxy-access-view'
import { useNavigation } from '../../stores/navigation'
import type { ProxiesView, ProxyColumn } from '../../stores/proxies-view'
import { useProxiesView } from '../../stores/proxies-view'
import { CheckButton, CopyProxyLineButton, HealthResultCell } from '../../ui/lazy-parts'
import { LocalTime } from '../../ui/LocalTime'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'
import type { ProxyRow } from './proxy-rows'
import { expiryClass } from './proxy-rows'

/** A proxy's address as the user knows it (row names, dialog titles). */
export const proxyAddress = (row: { hostname: string; port: number }) => `${row.hostname}:${row.port}`

/** What a row's buttons open, on a connection's tab. */
export type ProxyEditing = { kind: 'create' } | { kind: 'edit'; proxy: ProxyAccessView } | { kind: 'delete'; proxy: ProxyAccessView }

/**
 * The columns of every proxy list. Account-wide (the Proxies screen): the connection names the row, the address
 * shows the IP when it differs. One connection (its tab): the address names the row, with the allow-list and the
 * row's check, copy, edit and delete buttons.
 */
/** `one`: the connection whose tab shows the list; undefined for the account-wide screen. */
function columnsFor(t: TFunction, now: number, open: (connId: string) => void, one?: { connId: string; onEdit(editing: ProxyEditing): void }): GridColumn<ProxyRow>[] {
  const label = (id: ProxyColumn) => t(`proxies.columns.${id}`)
  const account = one === undefined
  const connectionColumn: GridColumn<ProxyRow> = {
    id: 'connection',
    label: label('connection'),
    width: 'minmax(120px, 1.5fr)',
    header: true,
    render: (row) =>
      row.connectionName !== undefined ? (
        <button type="button" className="row-link" title={t('proxies.openConnection', { name: row.connectionName })} onClick={() => open(row.connectionId)}>
          {row.connectionName}
        </button>
      ) : (
        <span className="muted">{t('proxies.unknownConnection', { id: row.connectionId })}</span>
      ),
  }
  const addressColumn: GridColumn<ProxyRow> = account
    ? {
        id: 'address',
        label: label('address'),
        width: 'minmax(150px, 1.3fr)',
        render: (row) => (
          <>
            <span className="mono">{proxyAddress(row)}</span>
            {row.ip !== row.hostname && <small className="muted mono">{row.ip}</small>}
          </>
        ),
      }
    : { id: 'address', label: label('address'), width: 'minmax(150px, 1.2fr)', header: true, render: (row) => <span className="mono">{proxyAddress(row)}</span> }
  const { service, auth, description, expires, health } = sharedColumns(t, now, label)
  const copy: GridColumn<ProxyRow> = {
    id: 'copy',
    label: t('proxies.columns.copy'),
    width: 'minmax(160px, 0.8fr)',
    cellClassName: 'vgrid-actions',
    sortable: false,
    render: (row) => (
      <Suspense fallback={null}>
        <CopyProxyLineButton proxyId={row.id} name={proxyAddress(row)} />
      </Suspense>
    ),
  }
  // At 900 px (a grid about 630 px wide) the row keeps its name, address, last check and buttons; the rest folds.
  if (one === undefined) return [connectionColumn, { ...service, fold: 'narrow' }, addressColumn, auth, description, expires, health, copy]
  const { connId, onEdit } = one
  return [
    addressColumn,
    { ...service, fold: 'narrow' },
    auth,
    expires,
    description,
    health,
    {
      id: 'actions',
      label: t('proxyAccess.actions'),
      hideLabel: true,
      // Room for Check, Copy, Edit and Delete at their natural width in English; a longer language shortens them
      // with an ellipsis (each keeps its full name) rather than pushing them out of view.
      width: 'minmax(340px, 2fr)',
      cellClassName: 'vgrid-actions',
      render: (row) => (
        <>
          <Suspense fallback={null}>
            <CheckButton items={[{ connectionId: connId, proxyId: row.id }]} name={proxyAddress(row)} />
            <CopyProxyLineButton proxyId={row.id} name={proxyAddress(row)} />
          </Suspense>
          <button type="button" title={t('proxyAccess.edit')} aria-label={t('proxyAccess.editLabel', { address: proxyAddress(row) })} onClick={() => onEdit({ kind: 'edit', proxy: row.proxy })}>
            {t('proxyAccess.edit')}
          </button>
          <button
            type="button"
            className="danger"
            title={t('proxyAccess.delete')}
            aria-label={t('proxyAccess.deleteLabel', { address: proxyAddress(row) })}
            onClick={() => onEdit({ kind: 'delete', proxy: row.proxy })}
          >
            {t('proxyAccess.delete')}
          </button>
        </>
      ),
    },
  ]
}

/** Columns both scopes show the same way (the address slot is filled per scope). */
type SharedColumn = 'service' | 'auth' | 'description' | 'expires' | 'health'
function sharedColumns(t: TFunction, now: number, label: (id: ProxyColumn) => string): Record<SharedColumn, GridColumn<ProxyRow>> {
  const list: GridColumn<ProxyRow>[] = [
    {
      id: 'service',
      label: label('service'),
      width: '80px',
      render: (row) => <span>{t(`proxies.service.${row.service as 'http'}`, { defaultValue: row.service })}</span>,
    },
    {
      id: 'auth',
      label: label('auth'),
      width: 'minmax(120px, 1fr)',
      fold: 'medium',
      // The login, or the IP allow-list (a column of its own would not leave the row buttons room at 1280 px).
      render: (row) => {
        const authText = t(`proxies.auth.${row.auth as 'userpass'}`, { defaultValue: row.auth })
        const allowList = (row.proxy.acl_inbound_ips ?? []).join(', ')
        const detail = [row.login, allowList].filter(Boolean).join(' · ')
        return (
          <>
            <span title={authText}>{authText}</span>
            {detail && (
              <small className="muted mono col-login" title={detail}>
                {detail}
              </small>
            )}
          </>
        )
      },
    },
    { id: 'description', label: label('description'), width: 'minmax(80px, 1fr)', fold: 'medium', render: (row) => <span title={row.description}>{row.description ?? ''}</span> },
    {
      id: 'expires',
      label: label('expires'),
      width: 'minmax(100px, 1fr)',
      fold: 'narrow',
      render: (row) => {
        const state = expiryClass(row, now)
        if (row.expiresAt === undefined) return <span className="muted">{t('proxies.expiry.never')}</span>
        return (
          <>
            <span className={`expiry expiry-${state}`}>
              <LocalTime value={row.expiresAt} display="ago" />
            </span>
            {state !== 'later' && <small className={`expiry expiry-${state}`}>{t(`proxies.expiry.${state}`)}</small>}
          </>
        )
      },
    },
    {
      id: 'health',
      label: t('proxies.columns.health'),
      width: 'minmax(110px, 1.2fr)',
      sortable: false,
      render: (row) => (
        <Suspense fallback={null}>
          <HealthResultCell itemKey={row.id} name={proxyAddress(row)} />
        </Suspense>
      ),
    },
  ]
  return Object.fromEntries(list.map((column) => [column.id, column])) as Record<SharedColumn, GridColumn<ProxyRow>>
}

/** Every proxy of the account (with the screen's sort and selection), or one connection's (with edit buttons). */
type Scope = { scope: 'account'; profileId: string; view: ProxiesView } | { scope: 'connection'; connId: string; onEdit(editing: ProxyEditing): void }

type ProxyTableProps = Scope & { rows: readonly ProxyRow[]; now: number }

export function ProxyTable(props: ProxyTableProps) {
  const { rows, now } = props
  const { t } = useTranslation()
  const openConnection = useNavigation((s) => s.openConnection)
  const { sortBy, toggle, toggleAll } = useProxiesView.getState()
  const open = useCallback((connId: string) => openConnection(connId, 'proxies'), [openConnection])
  const profileId = props.scope === 'account' ? props.profileId : undefined
  const view = props.scope === 'account' ? props.view : undefined
  const connId = props.scope === 'connection' ? props.connId : undefined
  const onEdit = props.scope === 'connection' ? props.onEdit : undefined
  const columns = useMemo(() => columnsFor(t, now, open, connId !== undefined && onEdit ? { connId, onEdit } : undefined), [t, now, open, connId, onEdit])
  const onToggle = useCallback((id: string) => profileId && toggle(profileId, id), [toggle, profileId])
  if (profileId === undefined || view === undefined) {
    return <VirtualGrid label={t('proxyAccess.tableLabel')} rows={rows} columns={columns} rowId={(row) => row.id} rowHeight={48} fit className="proxies-grid access-grid" />
  }
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
        selectRowLabel: (row) => t('proxies.selectRow', { proxy: `${row.connectionName ?? row.connectionId} ${proxyAddress(row)}` }),
      }}
      rowHeight={48}
      className="proxies-grid"
    />
  )
}
