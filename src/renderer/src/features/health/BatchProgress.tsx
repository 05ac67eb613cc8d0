import { useTranslation } from 'react-i18next'
import { useHealthStore, type BatchKind, type BatchTitle } from '../../stores/health'
import './health.css'

/** The catalogue key of each kind of batch's title. */
const TITLE_KEYS = {
  allProxies: 'health.batches.allProxies',
  pastedList: 'health.batches.pastedList',
  selection: 'health.batches.selection',
  connectionProxies: 'connections.bulk.proxiesBatch',
} as const satisfies Record<BatchKind, string>

/** A batch's title in the language shown now (the store keeps its kind and count, never the text). */
export function useBatchTitle(title: BatchTitle): string {
  const { t } = useTranslation()
  return t(TITLE_KEYS[title.kind], { count: title.count })
}

/** A batch's progress bar with its counts and a cancel button. Renders nothing for an unknown batch. */
export function BatchProgress({ batchId }: { batchId: string }) {
  const { t } = useTranslation()
  const batch = useHealthStore((s) => s.batches[batchId])
  const cancel = useHealthStore((s) => s.cancel)
  if (!batch) return null
  const failed = batch.done - batch.counts.ok - batch.counts.cancelled
  return (
    <div className="health-progress" role="group" aria-label={t('health.progress.label')}>
      <progress aria-label={t('health.progress.label')} max={batch.total} value={batch.done} />
      <span role="status">
        {t('health.progress.counts', { done: batch.done, total: batch.total })}
        {batch.finished ? ` — ${t('health.progress.finished')}` : ''}
      </span>
      <span>{t('health.progress.ok', { count: batch.counts.ok })}</span>
      {failed > 0 && <span className="health-warn">{t('health.progress.failed', { count: failed })}</span>}
      {batch.counts.cancelled > 0 && <span className="health-muted">{t('health.progress.cancelled', { count: batch.counts.cancelled })}</span>}
      {!batch.finished && (
        <button type="button" onClick={() => void cancel(batchId)} disabled={batch.cancelling}>
          {batch.cancelling ? t('health.progress.cancelling') : t('health.progress.cancel')}
        </button>
      )}
    </div>
  )
}
