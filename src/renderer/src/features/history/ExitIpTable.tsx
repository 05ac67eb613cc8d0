import { useTranslation } from 'react-i18next'
import type { ExitIpSummary } from '../../../../shared/history'
import { LocalTime } from '../../ui/LocalTime'

/** A connection's exit IPs, most recent first, with when each was first and last seen and how often it came back. */
export function ExitIpTable({ ips }: { ips: ExitIpSummary[] }) {
  const { t } = useTranslation()
  if (ips.length === 0) return <p className="empty-state">{t('history.exitIps.empty')}</p>
  return (
    <table className="table compact" aria-label={t('history.exitIps.label')}>
      <thead>
        <tr>
          <th scope="col">{t('history.exitIps.ip')}</th>
          <th scope="col">{t('history.exitIps.firstSeen')}</th>
          <th scope="col">{t('history.exitIps.lastSeen')}</th>
          <th scope="col">{t('history.exitIps.periods')}</th>
          <th scope="col">{t('history.exitIps.sources')}</th>
        </tr>
      </thead>
      <tbody>
        {ips.map((ip) => (
          <tr key={ip.ip}>
            <th scope="row" className="mono">
              {ip.ip}
            </th>
            <td>
              <LocalTime value={ip.firstSeen} />
            </td>
            <td>
              <LocalTime value={ip.lastSeen} />
            </td>
            <td>{ip.periods > 1 ? t('history.exitIps.cameBack', { count: ip.periods }) : t('history.exitIps.once')}</td>
            <td>{ip.sources.map((s) => t(`history.sources.${s}`)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
