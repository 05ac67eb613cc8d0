/**
 * OpenVPN accesses: every one of the account (the VPN screen, with each access's connection and a multi-select for
 * downloading several .ovpn files) or one connection's (its VPN tab, where new ones are added). One component for
 * both, on the one VPN store: a change made in either shows in the other.
 */
import { useMemo, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { OvpnAccess } from '../../../../shared/iproxy'
import { useConnectionNames } from '../../stores/connections'
import { vpnStore } from '../../stores/vpn'
import { LocalTime } from '../../ui/LocalTime'
import { RefreshNotice } from '../../ui/RefreshNotice'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'
import { DownloadOvpnButton } from '../exports/DownloadOvpnButton'
import { DownloadOvpnManyButton } from '../exports/DownloadOvpnManyButton'
import type { VpnEditing } from './VpnDialogs'
import { VpnDialogs } from './VpnDialogs'
import '../connection-detail/tabs/tabs.css'

function columnsFor(t: TFunction, names: Map<string, string> | undefined, edit: (editing: VpnEditing) => void): GridColumn<OvpnAccess>[] {
  return [
    { id: 'name', label: t('vpn.name'), width: 'minmax(120px, 1.5fr)', header: true, render: (vpn) => <span title={vpn.name}>{vpn.name}</span> },
    ...(names
      ? [{ id: 'connection', label: t('vpn.connection'), width: 'minmax(110px, 1.3fr)', fold: 'medium' as const, render: (vpn: OvpnAccess) => <span>{names.get(vpn.connection_id) ?? vpn.connection_id}</span> }]
      : []),
    { id: 'status', label: t('vpn.status'), width: '80px', fold: 'narrow', render: (vpn) => <span>{vpn.status}</span> },
    { id: 'expires', label: t('vpn.expires'), width: 'minmax(110px, 1fr)', fold: 'narrow', render: (vpn) => <LocalTime value={vpn.expires_at} fallback={t('vpn.never')} /> },
    {
      id: 'dns',
      label: t('vpn.dns'),
      width: 'minmax(100px, 1fr)',
      fold: 'medium',
      // The DNS servers the VPN hands out (the connection's Global DNS); none = the phone's mobile network's own.
      render: (vpn) => (vpn.dns.length > 0 ? <span className="mono" title={vpn.dns.join(', ')}>{vpn.dns.join(', ')}</span> : <span className="muted">{t('vpn.dnsDefault')}</span>),
    },
    { id: 'description', label: t('vpn.description'), width: 'minmax(80px, 1fr)', fold: 'wide', render: (vpn) => <span title={vpn.description}>{vpn.description ?? ''}</span> },
    {
      id: 'actions',
      label: t('vpn.actions'),
      hideLabel: true,
      width: '400px',
      cellClassName: 'vgrid-actions',
      render: (vpn) => (
        <>
          <DownloadOvpnButton connId={vpn.connection_id} ovpnId={vpn.id} name={vpn.name} />
          <button type="button" aria-label={t('vpn.renameLabel', { name: vpn.name })} onClick={() => edit({ kind: 'rename', vpn })}>
            {t('vpn.rename')}
          </button>
          <button type="button" aria-label={t('vpn.expiryLabel', { name: vpn.name })} onClick={() => edit({ kind: 'expiry', vpn })}>
            {t('vpn.setExpiry')}
          </button>
          <button type="button" className="danger" aria-label={t('vpn.deleteLabel', { name: vpn.name })} onClick={() => edit({ kind: 'delete', vpn })}>
            {t('vpn.delete')}
          </button>
        </>
      ),
    },
  ]
}

/** `connId` given: that connection's accesses (its VPN tab); otherwise the account's (the VPN screen). */
export function VpnList({ connId }: { connId?: string }) {
  const { t } = useTranslation()
  const account = connId === undefined
  const vpn = vpnStore.useList(connId)
  const { names } = useConnectionNames(account)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [editing, setEditing] = useState<VpnEditing>()
  const [notice, setNotice] = useState<string>()
  const columns = useMemo(() => columnsFor(t, names, setEditing), [t, names])
  const list = vpn.data
  // Only rows still in the list count as selected (a deleted access drops out of the selection).
  const selectedRows = account ? (list ?? []).filter((v) => selected.has(v.id)) : []

  return (
    <div className={account ? 'vpn-screen' : 'tab-panel-body'}>
      <div className="toolbar">
        {!account && (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'create', connId })}>
            {t('vpn.add')}
          </button>
        )}
        <button type="button" data-shortcut="refresh" onClick={() => void vpn.refresh()} disabled={vpn.loading}>
          {t('vpn.refresh')}
        </button>
        {account && (
          <>
            <DownloadOvpnManyButton items={selectedRows.map((v) => ({ connId: v.connection_id, ovpnId: v.id }))} />
            <span className="muted" role="status">
              {t('vpn.selectedCount', { n: selectedRows.length })}
            </span>
          </>
        )}
      </div>
      <RefreshNotice error={vpn.error} onRetry={() => void vpn.refresh()} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!list && vpn.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p className="empty-state">{account ? t('vpn.emptyAccount') : t('vpn.empty')}</p>}
      {list && list.length > 0 && (
        <VirtualGrid
          label={t('vpn.tableLabel')}
          rows={list}
          columns={columns}
          rowId={(v) => v.id}
          rowHeight={48}
          fit
          className="access-grid"
          selection={
            account
              ? {
                  selected,
                  onToggle: (id) => setSelected((s) => toggled(s, id)),
                  onToggleAll: () => setSelected((s) => (list.every((v) => s.has(v.id)) ? new Set() : new Set(list.map((v) => v.id)))),
                  selectAllLabel: t('vpn.selectAll'),
                  selectRowLabel: (v) => t('vpn.select', { name: v.name }),
                }
              : undefined
          }
        />
      )}
      {editing && vpn.profileId && <VpnDialogs editing={editing} profileId={vpn.profileId} onClose={() => setEditing(undefined)} onDone={setNotice} />}
    </div>
  )
}

function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set)
  if (next.has(id)) next.delete(id)
  else next.add(id)
  return next
}
