import { memo, useDeferredValue, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { AUTH_TYPES, LISTEN_SERVICES } from '../../../../shared/iproxy'
import type { ProxiesView } from '../../stores/proxies-view'
import { EXPIRY_FILTERS, useProxiesView } from '../../stores/proxies-view'

interface ProxyFiltersProps {
  profileId: string
  view: ProxiesView
  /** Connections that have proxies, sorted by name. */
  connections: ReadonlyArray<{ id: string; name: string }>
}

/** The connection list can hold thousands of names: its options are built once per list, not per keystroke. */
const ConnectionOptions = memo(function ConnectionOptions({ connections }: { connections: ProxyFiltersProps['connections'] }) {
  return (
    <>
      {connections.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  )
})

const NO_CONNECTIONS: ProxyFiltersProps['connections'] = []

export function ProxyFilters({ profileId, view, connections }: ProxyFiltersProps) {
  const { t } = useTranslation()
  // Thousands of options are rendered in the background, after the rows: the list is usable first.
  const optionConnections = useDeferredValue(connections, NO_CONNECTIONS)
  const patch = useProxiesView((s) => s.patch)
  const id = useId()
  const filtered = view.search !== '' || view.connection !== '' || view.service !== '' || view.auth !== '' || view.expiry !== ''
  return (
    <div className="filters" role="search">
      <div className="filter">
        <label htmlFor={`${id}-search`}>{t('proxies.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={view.search}
          placeholder={t('proxies.searchPlaceholder')}
          onChange={(event) => patch(profileId, { search: event.target.value })}
        />
      </div>
      <div className="filter">
        <label htmlFor={`${id}-connection`}>{t('proxies.connectionFilter')}</label>
        <select id={`${id}-connection`} value={view.connection} onChange={(event) => patch(profileId, { connection: event.target.value })}>
          <option value="">{t('proxies.all')}</option>
          <ConnectionOptions connections={optionConnections} />
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-service`}>{t('proxies.serviceFilter')}</label>
        <select id={`${id}-service`} value={view.service} onChange={(event) => patch(profileId, { service: event.target.value })}>
          <option value="">{t('proxies.all')}</option>
          {LISTEN_SERVICES.map((service) => (
            <option key={service} value={service}>
              {t(`proxies.service.${service}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-auth`}>{t('proxies.authFilter')}</label>
        <select id={`${id}-auth`} value={view.auth} onChange={(event) => patch(profileId, { auth: event.target.value })}>
          <option value="">{t('proxies.all')}</option>
          {AUTH_TYPES.map((auth) => (
            <option key={auth} value={auth}>
              {t(`proxies.auth.${auth}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-expiry`}>{t('proxies.expiryFilter')}</label>
        <select
          id={`${id}-expiry`}
          value={view.expiry}
          onChange={(event) => patch(profileId, { expiry: event.target.value as ProxiesView['expiry'] })}
        >
          <option value="">{t('proxies.all')}</option>
          {EXPIRY_FILTERS.map((expiry) => (
            <option key={expiry} value={expiry}>
              {t(`proxies.expiry.${expiry}`)}
            </option>
          ))}
        </select>
      </div>
      {filtered && (
        <button type="button" className="filters-clear" onClick={() => patch(profileId, { search: '', connection: '', service: '', auth: '', expiry: '' })}>
          {t('proxies.clearFilters')}
        </button>
      )}
    </div>
  )
}
