import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HISTORY_RANGES, useExitIps, useLatency, type HistoryRange } from '../../stores/history'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { AuditList } from './AuditList'
import { ExitIpTable } from './ExitIpTable'
import { LatencyChart } from './LatencyChart'
import { RangeChoice } from './RangeChoice'
import { TimelinePanel } from './TimelinePanel'
import '../connection-detail/tabs/tabs.css'
import './history.css'

const RANGES = Object.keys(HISTORY_RANGES) as HistoryRange[]

/**
 * A connection's History tab, from the app's own history database (what the app saw and did, not the Console
 * API): latency over the chosen range, the exit IPs it had, the timeline of status changes, checks and actions, and
 * the bulk runs and rule runs that touched it, each one entry with its steps on this connection.
 */
export function HistoryTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const [range, setRange] = useState<HistoryRange>('24h')
  const latency = useLatency(connId, range)
  const ips = useExitIps(connId)
  return (
    <div className="tab-panel-body history-tab">
      <p className="field-hint">{t('history.tabIntro')}</p>
      <RangeChoice<HistoryRange> legend={t('history.range')} options={RANGES} value={range} onChange={setRange} />
      <section className="history-section" aria-labelledby="history-latency-title">
        <h3 id="history-latency-title">{t('history.latency.title')}</h3>
        <RefreshNotice error={latency.error} onRetry={() => void latency.refresh()} />
        {latency.data ? <LatencyChart series={latency.data} /> : latency.loading && <p>{t('app.loading')}</p>}
      </section>
      <section className="history-section" aria-labelledby="history-ips-title">
        <h3 id="history-ips-title">{t('history.exitIps.title')}</h3>
        <RefreshNotice error={ips.error} onRetry={() => void ips.refresh()} />
        {ips.data ? <ExitIpTable ips={ips.data} /> : ips.loading && <p>{t('app.loading')}</p>}
      </section>
      <section className="history-section" aria-labelledby="history-timeline-title">
        <h3 id="history-timeline-title">{t('history.timeline.title')}</h3>
        <TimelinePanel connectionId={connId} range={range} />
      </section>
      <section className="history-section" aria-labelledby="history-runs-title">
        <h3 id="history-runs-title">{t('audit.tabTitle')}</h3>
        <AuditList connectionId={connId} />
      </section>
    </div>
  )
}
