import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConnectionVpn } from '../../../stores/connection-data'
import type { VpnEditing } from '../../vpn/VpnDialogs'
import { VpnDialogs } from '../../vpn/VpnDialogs'
import { VpnTable } from '../../vpn/VpnTable'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import './tabs.css'

/** This connection's OpenVPN accesses: create, rename, set expiry, delete. */
export function VpnTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const vpn = useConnectionVpn(connId)
  const [editing, setEditing] = useState<VpnEditing>()
  const [notice, setNotice] = useState<string>()
  const list = vpn.data
  return (
    <div className="tab-panel-body">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'create', connId })}>
          {t('vpn.add')}
        </button>
        <button type="button" onClick={() => void vpn.refresh()} disabled={vpn.loading}>
          {t('vpn.refresh')}
        </button>
      </div>
      <RefreshNotice error={vpn.error} onRetry={() => void vpn.refresh()} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!list && vpn.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p className="empty-state">{t('vpn.empty')}</p>}
      {list && list.length > 0 && <VpnTable rows={list} onEdit={setEditing} />}
      {editing && vpn.profileId && (
        <VpnDialogs editing={editing} profileId={vpn.profileId} onClose={() => setEditing(undefined)} onDone={setNotice} />
      )}
    </div>
  )
}
