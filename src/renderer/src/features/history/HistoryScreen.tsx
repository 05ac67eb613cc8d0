import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HISTORY_RANGES, type HistoryRange } from '../../stores/history'
import { useConnectionNames } from '../../stores/connections'
import { IpReuseView } from './IpReuseView'
import { RangeChoice } from './RangeChoice'
import { RetentionForm } from './RetentionForm'
import { TimelinePanel } from './TimelinePanel'
import './history.css'

const RANGES = Object.keys(HISTORY_RANGES) as HistoryRange[]

/**
 * The History section: what the app's history database knows across the fleet. The IP-reuse list first (the
 * question people come here with), then every connection's events in one timeline, then how long history is kept.
 */
export function HistoryScreen() {
  const { t } = useTranslation()
  const [range, setRange] = useState<HistoryRange>('24h')
  const { names } = useConnectionNames(true)
  return (
    <div className="history-screen">
      <p className="field-hint">{t('history.screenIntro')}</p>
      <IpReuseView />
      <section className="history-section" aria-labelledby="fleet-timeline-title">
        <h2 id="fleet-timeline-title">{t('history.timeline.fleetTitle')}</h2>
        <RangeChoice<HistoryRange> legend={t('history.range')} options={RANGES} value={range} onChange={setRange} />
        <TimelinePanel range={range} names={names} />
      </section>
      <RetentionForm />
    </div>
  )
}
