import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConnectionsCache, useVpnCache } from '../../stores/account-lists'
import { useProfileData } from '../../stores/profile-cache'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { DownloadOvpnManyButton } from '../exports/DownloadOvpnManyButton'
import type { VpnEditing } from './VpnDialogs'
import { VpnDialogs } from './VpnDialogs'
import { VpnTable } from './VpnTable'
import '../connection-detail/tabs/tabs.css'

/** Every OpenVPN access of the account, with the connection each belongs to; several can be selected. */
export function VpnScreen() {
  const { t } = useTranslation()
  const vpn = useProfileData(useVpnCache)
  const connections = useProfileData(useConnectionsCache)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [editing, setEditing] = useState<VpnEditing>()
  const [notice, setNotice] = useState<string>()
  const names = useMemo(() => new Map((connections.data ?? []).map((c) => [c.id, c.basic_info.name])), [connections.data])
  const list = vpn.data
  // Only rows still in the list count as selected (a deleted access drops out of the selection).
  const selectedRows = (list ?? []).filter((v) => selected.has(v.id))

  return (
    <div className="vpn-screen">
      <div className="toolbar">
        <button type="button" onClick={() => void vpn.refresh()} disabled={vpn.loading}>
          {t('vpn.refresh')}
        </button>
        <DownloadOvpnManyButton items={selectedRows.map((v) => ({ connId: v.connection_id, ovpnId: v.id }))} />
        <span className="muted" role="status">
          {t('vpn.selectedCount', { n: selectedRows.length })}
        </span>
      </div>
      <RefreshNotice error={vpn.error} onRetry={() => void vpn.refresh()} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!list && vpn.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p className="empty-state">{t('vpn.emptyAccount')}</p>}
      {list && list.length > 0 && (
        <VpnTable
          rows={list}
          connectionNames={names}
          selected={selected}
          onToggle={(id) =>
            setSelected((s) => {
              const next = new Set(s)
              if (next.has(id)) next.delete(id)
              else next.add(id)
              return next
            })
          }
          onToggleAll={() => setSelected((s) => (list.every((v) => s.has(v.id)) ? new Set() : new Set(list.map((v) => v.id))))}
          onEdit={setEditing}
        />
      )}
      {editing && vpn.profileId && <VpnDialogs editing={editing} profileId={vpn.profileId} onClose={() => setEditing(undefined)} onDone={setNotice} />}
    </div>
  )
}
