import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreateProxyAccessRequest, ProxyAccess, UpdateProxyAccessRequest } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { useProxiesCache } from '../../../stores/account-lists'
import { useConnectionProxies } from '../../../stores/connection-data'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { CopyProxyLineButton } from '../../exports/CopyProxyLineButton'
import { CheckButton } from '../../health/CheckButton'
import { HealthResultCell } from '../../health/HealthResultCell'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import { LocalTime } from '../../../ui/LocalTime'
import { ProxyForm } from './ProxyForm'
import './tabs.css'

type Editing = { kind: 'create' } | { kind: 'edit'; proxy: ProxyAccess } | { kind: 'delete'; proxy: ProxyAccess }

const address = (p: ProxyAccess) => `${p.hostname}:${p.port}`

/** This connection's proxy accesses: create, edit, delete. */
export function ProxiesTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const proxies = useConnectionProxies(connId)
  const [editing, setEditing] = useState<Editing>()
  const [notice, setNotice] = useState<string>()

  /** Keeps the account-wide Proxies list in step with a change made here, when it has been loaded. */
  const syncAccountList = (change: (list: ProxyAccess[]) => ProxyAccess[]) => {
    const profileId = proxies.profileId
    if (profileId && useProxiesCache.getState().entries[profileId]?.data) useProxiesCache.getState().update(profileId, (list) => change(list ?? []))
  }

  const close = () => setEditing(undefined)
  const list = proxies.data

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
      {!list && proxies.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p className="empty-state">{t('proxyAccess.empty')}</p>}
      {list && list.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label={t('proxyAccess.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('proxyAccess.address')}</th>
                <th scope="col">{t('proxyAccess.service')}</th>
                <th scope="col">{t('proxyAccess.authType')}</th>
                <th scope="col">{t('proxyAccess.allowList')}</th>
                <th scope="col">{t('proxyAccess.expires')}</th>
                <th scope="col">{t('proxyAccess.description')}</th>
                <th scope="col">{t('proxyAccess.health')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('proxyAccess.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((proxy) => (
                <tr key={proxy.id}>
                  <th scope="row" className="mono">
                    {address(proxy)}
                  </th>
                  <td>{proxy.listen_service === 'socks5' ? t('proxyAccess.services.socks5') : proxy.listen_service === 'http' ? t('proxyAccess.services.http') : proxy.listen_service}</td>
                  <td>
                    {proxy.auth_type === 'userpass' && proxy.auth ? (
                      <span className="mono">{proxy.auth.login}</span>
                    ) : proxy.auth_type === 'noauth' ? (
                      t('proxyAccess.authTypes.noauth')
                    ) : (
                      proxy.auth_type
                    )}
                  </td>
                  <td className="mono">{(proxy.acl_inbound_ips ?? []).join(', ') || '—'}</td>
                  <td>
                    <LocalTime value={proxy.expires_at} fallback={t('proxyAccess.never')} />
                  </td>
                  <td>{proxy.description ?? ''}</td>
                  <td>
                    <HealthResultCell itemKey={proxy.id} />
                  </td>
                  <td className="row-actions">
                    <CheckButton items={[{ connectionId: connId, proxyId: proxy.id }]} name={address(proxy)} />
                    <CopyProxyLineButton proxyId={proxy.id} name={address(proxy)} />
                    <button type="button" aria-label={t('proxyAccess.editLabel', { address: address(proxy) })} onClick={() => setEditing({ kind: 'edit', proxy })}>
                      {t('proxyAccess.edit')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('proxyAccess.deleteLabel', { address: address(proxy) })}
                      onClick={() => setEditing({ kind: 'delete', proxy })}
                    >
                      {t('proxyAccess.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.kind === 'create' && (
        <ProxyForm
          onClose={close}
          submit={async (body) => {
            const created = await getApi().proxies.create({ connId, body: body as CreateProxyAccessRequest })
            proxies.update((l) => [...(l ?? []), created])
            syncAccountList((l) => [...l, created])
            setNotice(t('proxyAccess.created', { address: address(created) }))
          }}
        />
      )}
      {editing?.kind === 'edit' && (
        <ProxyForm
          proxy={editing.proxy}
          onClose={close}
          submit={async (body) => {
            const updated = await getApi().proxies.update({ connId, proxyId: editing.proxy.id, body: body as UpdateProxyAccessRequest })
            const replace = (l: ProxyAccess[] | undefined) => (l ?? []).map((p) => (p.id === updated.id ? updated : p))
            proxies.update(replace)
            syncAccountList(replace)
            setNotice(t('proxyAccess.saved', { address: address(updated) }))
          }}
        />
      )}
      {editing?.kind === 'delete' && (
        <ConfirmDialog
          title={t('proxyAccess.deleteTitle', { address: address(editing.proxy) })}
          body={t('proxyAccess.deleteBody')}
          confirmLabel={t('proxyAccess.deleteConfirm')}
          onClose={close}
          onConfirm={async () => {
            await getApi().proxies.delete({ connId, proxyId: editing.proxy.id })
            const remove = (l: ProxyAccess[] | undefined) => (l ?? []).filter((p) => p.id !== editing.proxy.id)
            proxies.update(remove)
            syncAccountList(remove)
            setNotice(t('proxyAccess.deleted', { address: address(editing.proxy) }))
          }}
        />
      )}
    </div>
  )
}
