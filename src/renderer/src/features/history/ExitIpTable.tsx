import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExitIpSummary } from '../../../../shared/history'
import { LocalTime } from '../../ui/LocalTime'
import { pageOf, Pager } from '../../ui/Pager'

/** Rows a page: a phone's IP history from iProxy can hold hundreds of IPs (issue 18 point 12: no endless pages). */
const PAGE = 50

/** A connection's exit IPs, most recent first, with when each was first and last seen and how often it came back. */
export function ExitIpTable({ ips }: { ips: ExitIpSummary[] }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(0)
  if (ips.length === 0) return <p className="empty-state">{t('history.exitIps.empty')}</p>
  // A reload with fewer IPs can leave fewer pages than the one shown: stay on the last there is.
  const shownPage = Math.min(page, Math.ceil(ips.length / PAGE) - 1)
  return (
    <>
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
          {pageOf(ips, shownPage, PAGE).map((ip) => (
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
      <Pager page={shownPage} size={PAGE} total={ips.length} onPage={setPage} label={t('history.exitIps.pager')} />
    </>
  )
}
