/**
 * The Exports section: every proxy of the account, or those matching a filter, in any format (copy or save);
 * and every OpenVPN file of the account into a folder or one .zip.
 */
import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { OvpnManyReport, OvpnScriptsConfirmation, useOvpnMany } from './DownloadOvpnManyButton'
import { ProxyExportForm } from './ProxyExportForm'
import { ClipboardClearSetting } from './ClipboardClearSetting'
import { SaveCsvButton } from './SaveCsvButton'
import { getApi } from '../../bridge'
import './exports.css'
import { connectionStore } from '../../stores/connections'
import { proxyStore } from '../../stores/proxies'
import { vpnStore } from '../../stores/vpn'

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

export function ExportsScreen() {
  const { t } = useTranslation()
  const proxies = proxyStore.useList()
  const connections = connectionStore.useList()
  const vpn = vpnStore.useList()
  const [scope, setScope] = useState<'all' | 'filtered'>('all')
  const [connection, setConnection] = useState('')
  const [service, setService] = useState('')
  const [auth, setAuth] = useState('')
  const many = useOvpnMany()
  const ids = { scope: useId(), connection: useId(), service: useId(), auth: useId(), proxies: useId(), vpn: useId(), connections: useId() }

  const all = useMemo(() => proxies.data ?? [], [proxies.data])
  const connectionOptions = useMemo(() => {
    const used = new Set(all.map((p) => p.connection_id))
    return (connections.data ?? [])
      .filter((c) => used.has(c.id))
      .map((c) => ({ id: c.id, name: c.basic_info.name }))
      .sort((a, b) => byName.compare(a.name, b.name))
  }, [all, connections.data])
  const filteredIds = useMemo(
    () =>
      all
        .filter((p) => (!connection || p.connection_id === connection) && (!service || p.listen_service === service) && (!auth || p.auth_type === auth))
        .map((p) => p.id),
    [all, connection, service, auth],
  )
  const describe = useMemo(() => {
    const byId = new Map(all.map((p) => [p.id, `${p.hostname}:${p.port}`]))
    return (id: string) => byId.get(id) ?? id
  }, [all])

  if (!proxies.profileId) return null
  const vpnCount = vpn.data?.length ?? 0

  return (
    <div className="exports-screen">
      <section aria-labelledby={ids.proxies} className="exports-section">
        <h2 id={ids.proxies}>{t('exports.proxiesTitle')}</h2>
        <p className="muted">{t('exports.proxiesIntro')}</p>
        {proxies.error && (
          <p role="alert" className="form-error">
            {t('app.couldNotRefresh', { reason: proxies.error })}{' '}
            <button type="button" onClick={() => void proxies.refresh()}>
              {t('app.retry')}
            </button>
          </p>
        )}
        {proxies.data === undefined ? (
          proxies.loading && <p>{t('app.loading')}</p>
        ) : (
          <>
            <fieldset className="exports-scope">
              <legend id={ids.scope}>{t('exports.scope')}</legend>
              <label>
                <input type="radio" name={ids.scope} checked={scope === 'all'} onChange={() => setScope('all')} />
                {t('exports.scopeAll', { count: all.length })}
              </label>
              <label>
                <input type="radio" name={ids.scope} checked={scope === 'filtered'} onChange={() => setScope('filtered')} />
                {t('exports.scopeFiltered')}
              </label>
            </fieldset>
            {scope === 'filtered' && (
              <div className="exports-filters">
                <div className="field">
                  <label htmlFor={ids.connection}>{t('exports.filterConnection')}</label>
                  <select id={ids.connection} value={connection} onChange={(e) => setConnection(e.target.value)}>
                    <option value="">{t('exports.any')}</option>
                    {connectionOptions.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={ids.service}>{t('exports.filterService')}</label>
                  <select id={ids.service} value={service} onChange={(e) => setService(e.target.value)}>
                    <option value="">{t('exports.any')}</option>
                    <option value="http">HTTP</option>
                    <option value="socks5">SOCKS5</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={ids.auth}>{t('exports.filterAuth')}</label>
                  <select id={ids.auth} value={auth} onChange={(e) => setAuth(e.target.value)}>
                    <option value="">{t('exports.any')}</option>
                    <option value="userpass">userpass</option>
                    <option value="noauth">noauth</option>
                  </select>
                </div>
                <p className="muted" aria-live="polite">
                  {t('exports.matching', { count: filteredIds.length })}
                </p>
              </div>
            )}
            {scope === 'all' || filteredIds.length > 0 ? (
              <ProxyExportForm {...(scope === 'filtered' ? { proxyIds: filteredIds } : {})} describe={describe} />
            ) : null}
            <ClipboardClearSetting />
          </>
        )}
      </section>

      <section aria-labelledby={ids.vpn} className="exports-section">
        <h2 id={ids.vpn}>{t('exports.vpnTitle')}</h2>
        <p className="muted">{t('exports.vpnIntro')}</p>
        {vpn.error && (
          <p role="alert" className="form-error">
            {t('app.couldNotRefresh', { reason: vpn.error })}{' '}
            <button type="button" onClick={() => void vpn.refresh()}>
              {t('app.retry')}
            </button>
          </p>
        )}
        {vpn.data !== undefined && <p>{vpnCount > 0 ? t('exports.vpnCount', { count: vpnCount }) : t('exports.vpnNone')}</p>}
        <div className="toolbar">
          <button type="button" disabled={vpnCount === 0 || many.busy !== undefined} onClick={() => void many.run('folder')}>
            {many.busy === 'folder' ? t('exports.downloading') : t('exports.vpnAllFolder')}
          </button>
          <button type="button" disabled={vpnCount === 0 || many.busy !== undefined} onClick={() => void many.run('zip')}>
            {many.busy === 'zip' ? t('exports.downloading') : t('exports.vpnAllZip')}
          </button>
        </div>
        <OvpnManyReport result={many.result} error={many.error} />
        <OvpnScriptsConfirmation many={many} />
      </section>

      <section aria-labelledby={ids.connections} className="exports-section">
        <h2 id={ids.connections}>{t('exports.connectionsTitle')}</h2>
        <p className="muted">{t('exports.connectionsIntro')}</p>
        <SaveCsvButton label={t('exports.connectionsCsv')} disabled={connections.data?.length === 0} save={() => getApi().exports.saveConnectionsCsv({})} />
      </section>
    </div>
  )
}
