import { useTranslation } from 'react-i18next'
import type { Connection } from '../../../../../shared/iproxy'
import { BasicInfoSection } from './BasicInfoSection'
import { CommandsSection } from './CommandsSection'
import { DangerSection } from './DangerSection'
import { DeviceSection } from './DeviceSection'
import { ExitIpSection } from './ExitIpSection'
import { KeysSection } from './KeysSection'
import { LocalTime } from '../../../ui/LocalTime'
import { PlanSection } from './PlanSection'
import { useConnection } from '../../../stores/connections'

/** What the connection is, what runs it, its plan, and everything one can do to it. */
export function OverviewTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const { data, error, profileId } = useConnection(connId)
  if (!data || !profileId) {
    return error ? <p className="empty-state">{t('connectionDetail.notLoaded', { reason: error })}</p> : <p>{t('connectionDetail.loadingConnection')}</p>
  }
  return (
    <div className="overview">
      <BasicInfoSection profileId={profileId} connection={data} />
      <Facts connection={data} />
      <ExitIpSection connId={connId} />
      <DeviceSection connection={data} />
      <PlanSection profileId={profileId} connection={data} />
      <CommandsSection connId={connId} name={data.basic_info.name} />
      <KeysSection connId={connId} />
      <DangerSection profileId={profileId} connection={data} />
    </div>
  )
}

function Facts({ connection }: { connection: Connection }) {
  const { t } = useTranslation()
  const info = connection.basic_info
  return (
    <section className="detail-section" aria-labelledby="overview-facts">
      <h3 id="overview-facts">{t('connectionDetail.overview.facts')}</h3>
      <dl className="facts">
        <dt>{t('connectionDetail.overview.id')}</dt>
        <dd className="mono">{connection.id}</dd>
        <dt>{t('connectionDetail.overview.server')}</dt>
        <dd className="mono">{info.server_id || t('connectionDetail.none')}</dd>
        <dt>{t('connectionDetail.overview.location')}</dt>
        <dd>{info.server_geo ? `${info.server_geo.country.toUpperCase()}, ${info.server_geo.city.toUpperCase()}` : t('connectionDetail.none')}</dd>
        <dt>{t('connectionDetail.overview.created')}</dt>
        <dd>
          <LocalTime value={info.created_at} fallback={t('connectionDetail.none')} />
        </dd>
        <dt>{t('connectionDetail.overview.updated')}</dt>
        <dd>
          <LocalTime value={info.updated_at} fallback={t('connectionDetail.none')} />
        </dd>
      </dl>
    </section>
  )
}
