import { useTranslation } from 'react-i18next'
import { Dialog } from '../../ui/Dialog'
import { localTimeText, TIME_OF_DAY, utcText } from '../../ui/time-text'
import { checkMessage, type HealthItemView } from './health-item'
import { statusTone } from './health-status-tone'
import './health.css'

/**
 * A check's full account, opened from its row's status badge: a row never wraps (issue 18, point 1), so a failed
 * check's whole error text, which the row cuts with an ellipsis, is read here, with the last checks.
 */
export function HealthDetailsDialog({ name, view, onClose }: { name: string; view: HealthItemView; onClose(): void }) {
  const { t } = useTranslation()
  const { status, latest, history } = view
  if (!status) return null
  const time = (iso: string) => `${localTimeText(iso, TIME_OF_DAY)} (${utcText(iso)})`
  return (
    <Dialog title={t('health.details.title', { name })} onClose={onClose}>
      <dl className="health-details">
        <dt>{t('health.details.status')}</dt>
        <dd>
          <span className={`health-badge health-${statusTone(status)}`}>{t(`health.status.${status}`)}</span> {checkMessage(t, status, latest)}
        </dd>
        {latest?.detail && latest.status !== 'ok' && (
          <>
            <dt>{t('health.details.error')}</dt>
            <dd className="health-error-text">{latest.detail}</dd>
          </>
        )}
        {status !== 'cancelled' && (
          <>
            <dt>{t('health.details.latency')}</dt>
            <dd>{t('health.latency', { ms: Math.round(view.ms) })}</dd>
          </>
        )}
        {view.exitIp && (
          <>
            <dt>{t('health.batches.columns.exitIp')}</dt>
            <dd className="mono">{view.exitIp}</dd>
          </>
        )}
        {view.mismatch && latest?.expectedIp && view.exitIp && (
          <>
            <dt>{t('health.details.expectedIp')}</dt>
            <dd className="health-warn">{t('health.ipMismatch', { ip: view.exitIp, expected: latest.expectedIp })}</dd>
          </>
        )}
        {view.country && (
          <>
            <dt>{t('health.batches.columns.country')}</dt>
            <dd>{view.country}</dd>
          </>
        )}
        {view.checkedAt && (
          <>
            <dt>{t('health.details.checkedAt')}</dt>
            <dd>{time(view.checkedAt)}</dd>
          </>
        )}
      </dl>
      {history && history.length > 1 && (
        <>
          <h3 className="health-details-heading">{t('health.details.history')}</h3>
          <ul className="health-details-history">
            {history
              .slice(-10)
              .reverse()
              .map((e) => (
                <li key={e.checkedAt}>{t('health.historyItem', { time: localTimeText(e.checkedAt, TIME_OF_DAY), status: t(`health.status.${e.status}`), ms: Math.round(e.totalMs) })}</li>
              ))}
          </ul>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('health.details.close')}
        </button>
      </div>
    </Dialog>
  )
}
