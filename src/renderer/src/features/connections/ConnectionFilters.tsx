import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ONLINE_STATUSES } from '../../../../shared/iproxy'
import type { ConnectionsView } from '../../stores/connections-view'
import { useConnectionsView } from '../../stores/connections-view'
import { countryName } from './ConnectionTable'

interface ConnectionFiltersProps {
  profileId: string
  view: ConnectionsView
  countries: readonly string[]
}

/** Search as you type (name, ID, city, phone, exit IP), and the status, country and "has warning" filters. */
export function ConnectionFilters({ profileId, view, countries }: ConnectionFiltersProps) {
  const { t, i18n } = useTranslation()
  const patch = useConnectionsView((s) => s.patch)
  const id = useId()
  const filtered = view.search !== '' || view.status !== '' || view.country !== '' || view.warning
  return (
    <div className="filters" role="search">
      <div className="filter">
        <label htmlFor={`${id}-search`}>{t('connections.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={view.search}
          placeholder={t('connections.searchPlaceholder')}
          onChange={(event) => patch(profileId, { search: event.target.value })}
        />
      </div>
      <div className="filter">
        <label htmlFor={`${id}-status`}>{t('connections.statusFilter')}</label>
        <select id={`${id}-status`} value={view.status} onChange={(event) => patch(profileId, { status: event.target.value })}>
          <option value="">{t('connections.all')}</option>
          {ONLINE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`connections.status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-country`}>{t('connections.countryFilter')}</label>
        <select id={`${id}-country`} value={view.country} onChange={(event) => patch(profileId, { country: event.target.value })}>
          <option value="">{t('connections.all')}</option>
          {countries.map((code) => (
            <option key={code} value={code}>
              {countryName(code, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <label className="filter filter-check">
        <input type="checkbox" checked={view.warning} onChange={(event) => patch(profileId, { warning: event.target.checked })} />
        {t('connections.warningFilter')}
      </label>
      {filtered && (
        <button type="button" className="filters-clear" onClick={() => patch(profileId, { search: '', status: '', country: '', warning: false })}>
          {t('connections.clearFilters')}
        </button>
      )}
    </div>
  )
}
