/**
 * One connection's proxies (its Proxies tab): the same table as the Proxies screen, scoped to the connection, with
 * create, edit and delete. Every change goes through the proxy store's applyChange, so the Proxies screen and the
 * Connections screen's proxy counts show it without a refresh.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreateProxyAccessRequest, UpdateProxyAccessRequest } from '../../../../shared/iproxy'
import { getApi } from '../../bridge'
import { proxyStore } from '../../stores/proxies'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { ProxyForm } from './ProxyForm'
import { buildProxyRows } from './proxy-rows'
import type { ProxyEditing } from './ProxyTable'
import { proxyAddress, ProxyTable } from './ProxyTable'
import '../connection-detail/tabs/tabs.css'
import './proxies.css'

export function ConnectionProxies({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const proxies = proxyStore.useList(connId)
  const [editing, setEditing] = useState<ProxyEditing>()
  const [notice, setNotice] = useState<string>()
  const rows = useMemo(() => buildProxyRows(proxies.data ?? [], undefined), [proxies.data])
  const close = () => setEditing(undefined)
  const { profileId } = proxies

  return (
    <div className="tab-panel-body">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'create' })}>
          {t('proxyAccess.add')}
        </button>
        <button type="button" onClick={() => void proxies.refresh()} disabled={proxies.loading}>
          {t('proxyAccess.refresh')}
        </button>
      </div>
      <RefreshNotice error={proxies.error} onRetry={() => void proxies.refresh()} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!proxies.data && proxies.loading && <p>{t('app.loading')}</p>}
      {proxies.data && rows.length === 0 && <p className="empty-state">{t('proxyAccess.empty')}</p>}
      {rows.length > 0 && <ProxyTable scope="connection" connId={connId} onEdit={setEditing} rows={rows} now={proxies.loadedAt ?? 0} />}
      {profileId && editing?.kind === 'create' && (
        <ProxyForm
          onClose={close}
          submit={async (body) => {
            const created = await getApi().proxies.create({ connId, body: body as CreateProxyAccessRequest })
            proxyStore.applyChange(profileId, { kind: 'create', item: created })
            setNotice(t('proxyAccess.created', { address: proxyAddress(created) }))
          }}
        />
      )}
      {profileId && editing?.kind === 'edit' && (
        <ProxyForm
          proxy={editing.proxy}
          onClose={close}
          submit={async (body) => {
            const updated = await getApi().proxies.update({ connId, proxyId: editing.proxy.id, body: body as UpdateProxyAccessRequest })
            proxyStore.applyChange(profileId, { kind: 'update', item: updated })
            setNotice(t('proxyAccess.saved', { address: proxyAddress(updated) }))
          }}
        />
      )}
      {profileId && editing?.kind === 'delete' && (
        <ConfirmDialog
          title={t('proxyAccess.deleteTitle', { address: proxyAddress(editing.proxy) })}
          body={t('proxyAccess.deleteBody')}
          confirmLabel={t('proxyAccess.deleteConfirm')}
          onClose={close}
          onConfirm={async () => {
            await getApi().proxies.delete({ connId, proxyId: editing.proxy.id })
            proxyStore.applyChange(profileId, { kind: 'delete', item: editing.proxy })
            setNotice(t('proxyAccess.deleted', { address: proxyAddress(editing.proxy) }))
          }}
        />
      )}
    </div>
  )
}
