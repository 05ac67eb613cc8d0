import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HealthHistoryEntry } from '../../../../shared/health'
import { useHealthStore } from '../../stores/health'
import { localTimeText, TIME_OF_DAY, utcText } from '../../ui/time-text'
import { HealthDetailsDialog } from './HealthDetailsDialog'
import { checkMessage, useHealthItem } from './health-item'
import { statusTone } from './health-status-tone'
import './health.css'

interface HealthResultCellProps {
  /** The proxy id of an account proxy, or a pasted line's key (`healthItemKey`). */
  itemKey: string
  /** The proxy as the user knows it (its address or pasted line): names the details dialog. */
  name: string
  /**
   * 'all' (a Proxies grid's one health column): badge, latency, IP, country, the failed check's text and the trend.
   * 'summary' (the Health screen, whose message and trend have columns of their own): without those two.
   */
  parts?: 'all' | 'summary'
}

/** A tiny latency sparkline of the last checks (failed checks drawn at the top). */
function Trend({ entries, label }: { entries: HealthHistoryEntry[]; label: string }) {
  if (entries.length < 2) return null
  const w = 60
  const h = 16
  const max = Math.max(...entries.map((e) => e.totalMs), 1)
  const step = w / (entries.length - 1)
  const points = entries.map((e, i) => `${(i * step).toFixed(1)},${(e.status === 'ok' ? h - (e.totalMs / max) * (h - 2) - 1 : 1).toFixed(1)}`)
  return (
    <svg className="health-trend" width={w} height={h} role="img" aria-label={label}>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  )
}

/** The latency trend of an item's last checks (the Health screen's trend column). */
export function HealthTrend({ itemKey }: { itemKey: string }) {
  const { t } = useTranslation()
  const { history } = useHealthItem(itemKey)
  return history ? <Trend entries={history} label={t('health.trend')} /> : null
}

/** What a failed check means, cut to the row with the raw error on hover; the whole text is in the details dialog. */
export function HealthMessage({ itemKey }: { itemKey: string }) {
  const { t } = useTranslation()
  const { latest } = useHealthItem(itemKey)
  if (!latest || latest.status === 'ok' || !latest.error) return null
  const message = checkMessage(t, latest.status, latest)
  return (
    <span className="health-muted health-message" title={[message, latest.detail].filter(Boolean).join('\n')}>
      {message}
    </span>
  )
}

/**
 * Status badge, latency, exit IP and country of a proxy's last check, on one line that never wraps (a virtualized
 * row has a fixed height). The badge opens the check's details; the history is in the cell's title.
 */
export function HealthResultCell({ itemKey, name, parts = 'all' }: HealthResultCellProps) {
  const { t } = useTranslation()
  const view = useHealthItem(itemKey)
  const requestHistory = useHealthStore((s) => s.requestHistory)
  const [details, setDetails] = useState(false)
  useEffect(() => {
    requestHistory(itemKey)
  }, [itemKey, requestHistory])

  const { latest, history, status, checking, callError } = view
  if (checking) {
    return (
      <span className="health-cell" aria-busy="true">
        <span className="health-muted">{t('health.checking')}</span>
      </span>
    )
  }
  if (callError && !latest) {
    const text = t('health.callFailed', { reason: callError })
    return (
      <span className="health-cell">
        <span className="health-warn health-message" role="alert" title={text}>
          {text}
        </span>
      </span>
    )
  }
  if (!status) {
    return (
      <span className="health-cell">
        <span className="health-muted">{t('health.notChecked')}</span>
      </span>
    )
  }
  const historyTitle =
    history && history.length > 0
      ? t('health.history', {
          list: history
            .slice(-5)
            .map((e) => t('health.historyItem', { time: localTimeText(e.checkedAt, TIME_OF_DAY), status: t(`health.status.${e.status}`), ms: Math.round(e.totalMs) }))
            .join(', '),
        })
      : undefined
  // The translated text per status (or reason) code is what a reader sees; main's raw detail is in the details.
  const message = checkMessage(t, status, latest)
  const { checkedAt, exitIp, mismatch } = view
  return (
    <span className="health-cell" title={[historyTitle, checkedAt && `${localTimeText(checkedAt, TIME_OF_DAY)} (${utcText(checkedAt)})`].filter(Boolean).join('\n')}>
      <button
        type="button"
        className={`health-badge health-${statusTone(status)}`}
        aria-haspopup="dialog"
        aria-label={t('health.details.open', { status: t(`health.status.${status}`), name })}
        title={t('health.resultTitle', { status: t(`health.status.${status}`), message })}
        onClick={() => setDetails(true)}
      >
        {t(`health.status.${status}`)}
      </button>
      {status !== 'cancelled' && <span>{t('health.latency', { ms: Math.round(view.ms) })}</span>}
      {exitIp && <span className="mono">{exitIp}</span>}
      {view.country && <span>{view.country}</span>}
      {mismatch && latest?.expectedIp && exitIp && (
        <span className="health-warn" title={t('health.ipMismatch', { ip: exitIp, expected: latest.expectedIp })}>
          {t('health.ipMismatchShort')}
        </span>
      )}
      {parts === 'all' && <HealthMessage itemKey={itemKey} />}
      {parts === 'all' && history && <Trend entries={history} label={t('health.trend')} />}
      {details && <HealthDetailsDialog name={name} view={view} onClose={() => setDetails(false)} />}
    </span>
  )
}
