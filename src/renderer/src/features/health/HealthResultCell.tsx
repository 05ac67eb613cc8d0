import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { HealthHistoryEntry } from '../../../../shared/health'
import { useHealthStore } from '../../stores/health'
import { localTimeText, TIME_OF_DAY, utcText } from '../../ui/time-text'
import { statusTone } from './health-status-tone'
import './health.css'

interface HealthResultCellProps {
  /** The proxy id of an account proxy, or a pasted line's key (`healthItemKey`). */
  itemKey: string
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

/** Status badge, latency, exit IP and country of a proxy's last check, with its history in the title. */
export function HealthResultCell({ itemKey }: HealthResultCellProps) {
  const { t } = useTranslation()
  const { item, checking, history, callError, requestHistory } = useHealthStore(
    useShallow((s) => ({
      item: s.results[itemKey],
      checking: s.checking[itemKey] === true,
      history: s.history[itemKey],
      callError: s.callErrors[itemKey],
      requestHistory: s.requestHistory,
    })),
  )
  useEffect(() => {
    requestHistory(itemKey)
  }, [itemKey, requestHistory])

  const latest = item?.result
  const last = history?.at(-1)
  const historyTitle =
    history && history.length > 0
      ? t('health.history', {
          list: history
            .slice(-5)
            .map((e) => t('health.historyItem', { time: localTimeText(e.checkedAt, TIME_OF_DAY), status: t(`health.status.${e.status}`), ms: Math.round(e.totalMs) }))
            .join(', '),
        })
      : undefined

  if (checking) {
    return (
      <span className="health-cell" aria-busy="true">
        <span className="health-muted">{t('health.checking')}</span>
      </span>
    )
  }
  if (callError && !latest) {
    return (
      <span className="health-cell">
        <span className="health-warn" role="alert">
          {t('health.callFailed', { reason: callError })}
        </span>
      </span>
    )
  }
  const status = latest?.status ?? last?.status
  if (!status) {
    return (
      <span className="health-cell">
        <span className="health-muted">{t('health.notChecked')}</span>
      </span>
    )
  }
  const ms = latest ? latest.timings.totalMs : (last?.totalMs ?? 0)
  const exitIp = latest ? latest.exitIp : last?.exitIp
  const country = latest ? latest.geo?.country : last?.country
  const mismatch = latest ? latest.ipMismatch === true : last?.ipMismatch === true
  // The translated text per status (or reason) code is what a reader sees; main's raw detail stays on hover.
  const message = latest?.reason ? t(`health.reason.${latest.reason}`) : t(`health.statusHelp.${status}`)
  const checkedAt = latest?.checkedAt ?? last?.checkedAt ?? ''
  return (
    <span className="health-cell" title={[historyTitle, `${localTimeText(checkedAt, TIME_OF_DAY)} (${utcText(checkedAt)})`].filter(Boolean).join('\n')}>
      <span className={`health-badge health-${statusTone(status)}`} title={t('health.resultTitle', { status: t(`health.status.${status}`), message })}>
        {t(`health.status.${status}`)}
      </span>
      {status !== 'cancelled' && <span>{t('health.latency', { ms: Math.round(ms) })}</span>}
      {exitIp && <span>{exitIp}</span>}
      {country && <span>{country}</span>}
      {mismatch && latest?.expectedIp && exitIp && (
        <span className="health-warn" title={t('health.ipMismatch', { ip: exitIp, expected: latest.expectedIp })}>
          {t('health.ipMismatchShort')}
        </span>
      )}
      {latest?.status !== 'ok' && latest?.error && (
        <span className="health-muted" title={latest.detail}>
          {message}
        </span>
      )}
      {history && <Trend entries={history} label={t('health.trend')} />}
    </span>
  )
}
