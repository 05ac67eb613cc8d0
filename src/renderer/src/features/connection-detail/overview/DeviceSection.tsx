/**
 * The phone and the iProxy app on it, as the API reports them: what it is, and the flags that explain why an IP
 * change or a command may not work (ready to change IP, app setup finished, device owner mode, Wi-Fi split…).
 * Each flag reads as yes/no with what that means; a flag the phone did not report reads "unknown", never blank.
 */
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Connection } from '../../../../../shared/iproxy'
import { LocalTime } from '../../../ui/LocalTime'

/** The yes/no flags, in the order a person troubleshooting reads them. */
const FLAGS = ['ready_to_change_ip', 'agent_setup_complete', 'owner_mode_enabled', 'mobile_data_always_on', 'wifi_split_enabled', 'is_onboarding'] as const
type Flag = (typeof FLAGS)[number]

function flagValue(connection: Connection, flag: Flag): boolean | undefined {
  const app = connection.app_data
  switch (flag) {
    case 'is_onboarding':
      return connection.basic_info.is_onboarding
    case 'owner_mode_enabled':
    case 'mobile_data_always_on':
      return app?.device_info?.[flag]
    default:
      return app?.[flag]
  }
}

function FlagRow({ flag, value, t }: { flag: Flag; value: boolean | undefined; t: TFunction }) {
  const state = value === undefined ? 'unknown' : value ? 'yes' : 'no'
  return (
    <>
      <dt>{t(`connectionDetail.device.${flag}.label`)}</dt>
      <dd data-testid={`device-${flag}`}>
        <strong>{t(`connectionDetail.device.${state}`)}</strong>
        {' — '}
        {t(`connectionDetail.device.${flag}.${state}`)}
      </dd>
    </>
  )
}

export function DeviceSection({ connection }: { connection: Connection }) {
  const { t } = useTranslation()
  const app = connection.app_data
  const device = app?.device_info
  const none = t('connectionDetail.none')
  const unknown = t('connectionDetail.device.notReported')
  return (
    <section className="detail-section" aria-labelledby="overview-device">
      <h3 id="overview-device">{t('connectionDetail.overview.deviceTitle')}</h3>
      {!app && <p className="empty-state">{t('connectionDetail.overview.noDevice')}</p>}
      <dl className="facts">
        {app && (
          <>
            <dt>{t('connectionDetail.overview.manufacturer')}</dt>
            <dd>{device?.manufacturer || none}</dd>
            <dt>{t('connectionDetail.overview.model')}</dt>
            <dd>{device?.model || none}</dd>
            <dt>{t('connectionDetail.overview.android')}</dt>
            <dd>{device?.android_version || none}</dd>
            <dt>{t('connectionDetail.overview.rooted')}</dt>
            <dd>{device?.is_root === undefined ? none : t(device.is_root ? 'connectionDetail.yes' : 'connectionDetail.no')}</dd>
            <dt>{t('connectionDetail.overview.appId')}</dt>
            <dd className="mono">{app.app_id || none}</dd>
            <dt>{t('connectionDetail.overview.appVersion')}</dt>
            <dd>{app.app_version || none}</dd>
            <dt>{t('connectionDetail.device.buildNumber')}</dt>
            <dd data-testid="device-build_number">{app.build_number || unknown}</dd>
            <dt>{t('connectionDetail.device.installationId')}</dt>
            <dd className="mono" data-testid="device-installation_id">
              {app.installation_id || unknown}
            </dd>
            <dt>{t('connectionDetail.overview.lastActivity')}</dt>
            <dd>
              <LocalTime value={app.last_activity_at} fallback={none} />
            </dd>
          </>
        )}
        {FLAGS.map((flag) => (
          <FlagRow key={flag} flag={flag} value={flagValue(connection, flag)} t={t} />
        ))}
      </dl>
    </section>
  )
}
