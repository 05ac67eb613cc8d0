import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { healthItemKey, type HealthItem } from '../../../../shared/health'
import { useHealthStore, type BatchTitle } from '../../stores/health'
import { BatchProgress } from './BatchProgress'
import { errorMessage } from '../../ui/error-message'

interface CheckButtonProps {
  /** One proxy (`{ connectionId, proxyId }`) or a selection; pasted targets work too. */
  items: HealthItem[]
  /** Names the single proxy in the button's accessible name ("Check proxy 1"). */
  name?: string
  /** Overrides the button text (e.g. "Check all account proxies"). */
  label?: string
  /** What the batch is, for its title on the Health screen ("Selected proxies (N)" by default). */
  batchTitle?: BatchTitle
  /** For a selection: show the batch's progress next to the button (default true). */
  showProgress?: boolean
  onBatchStarted?(batchId: string): void
}

/** Checks one proxy, or starts a batch for a selection; results land in the health store for HealthResultCell. */
export function CheckButton({ items, name, label: labelOverride, batchTitle, showProgress = true, onBatchStarted }: CheckButtonProps) {
  const { t } = useTranslation()
  const checkOne = useHealthStore((s) => s.checkOne)
  const checkMany = useHealthStore((s) => s.checkMany)
  const busy = useHealthStore((s) => items.length > 0 && items.length <= 50 && items.some((i) => s.checking[healthItemKey(i)] === true))
  const [batchId, setBatchId] = useState<string>()
  const [error, setError] = useState<string>()
  const running = useHealthStore((s) => (batchId ? s.batches[batchId]?.finished === false : false))
  const single = items.length === 1

  const label = labelOverride ?? (single ? t('health.check') : t('health.checkSelection', { count: items.length }))
  const accessible = single && name ? t('health.checkOne', { name }) : label

  async function run() {
    setError(undefined)
    if (single) {
      await checkOne(items[0] as HealthItem)
      return
    }
    try {
      const id = await checkMany(items, batchTitle ?? { kind: 'selection', count: items.length })
      setBatchId(id)
      onBatchStarted?.(id)
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <span className="health-check-button">
      <button type="button" aria-label={accessible} title={label} disabled={items.length === 0 || busy || running} onClick={() => void run()}>
        {busy || running ? t('health.checking') : label}
      </button>
      {error && (
        <span role="alert" className="health-warn">
          {t('health.callFailed', { reason: error })}
        </span>
      )}
      {!single && showProgress && batchId && <BatchProgress batchId={batchId} />}
    </span>
  )
}
