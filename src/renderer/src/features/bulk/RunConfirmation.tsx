/**
 * The last word before a run: how many connections and which (main's `bulk.preview`: the first few names, those
 * the account no longer has), what happens to each, how many at a time, and the account's balance where money is
 * spent. Nothing is sent until Start.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BulkAction, BulkPreview } from '../../../../shared/bulk'
import { useBulk } from '../../stores/bulk'
import { errorMessage } from '../../ui/error-message'
import { namesText, whatHappens } from './bulk-text'

interface Props {
  action: BulkAction
  connectionIds: readonly string[]
  /** The preview as it arrives (the dialog's title counts with it). */
  onPreview(preview: BulkPreview): void
  onBack?: (() => void) | undefined
  onCancel(): void
  onStarted(): void
  /** Keeps the dialog open while the run is being started. */
  onBusy(busy: boolean): void
}

/** A balance in the account's currency, or the bare number when the currency is not one Intl knows. */
function moneyText(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount)
  } catch {
    return `${amount} ${currency}`
  }
}

const spendsMoney = (action: BulkAction) => action.kind === 'prolong'
const isDanger = (action: BulkAction) => spendsMoney(action) || (action.kind === 'command' && (action.command === 'reboot' || action.command === 'toggle_proxy'))

export function RunConfirmation({ action, connectionIds, onPreview, onBack, onCancel, onStarted, onBusy }: Props) {
  const { t, i18n } = useTranslation()
  const [preview, setPreview] = useState<BulkPreview>()
  const [previewError, setPreviewError] = useState<string>()
  const [startError, setStartError] = useState<string>()
  const [starting, setStarting] = useState(false)
  const start = useBulk((s) => s.start)
  const previewOf = useBulk((s) => s.preview)

  useEffect(() => {
    let live = true
    previewOf({ action, connectionIds: [...connectionIds] }).then(
      (answer) => {
        if (!live) return
        setPreview(answer)
        onPreview(answer)
      },
      (err: unknown) => {
        if (live) setPreviewError(t('bulk.confirm.previewFailed', { reason: errorMessage(err) }))
      },
    )
    return () => {
      live = false
    }
    // One preview per dialog: the action and targets are fixed once it is open.
  }, []) // eslint-disable-line react-hooks/exhaustive-deps

  async function run(): Promise<void> {
    setStarting(true)
    onBusy(true)
    setStartError(undefined)
    try {
      await start({ action, connectionIds: [...connectionIds] })
      onBusy(false)
      onStarted()
    } catch (err) {
      setStartError(t('bulk.confirm.startFailed', { reason: errorMessage(err) }))
      setStarting(false)
      onBusy(false)
    }
  }

  return (
    <div className="bulkrun-confirm">
      <p>{whatHappens(t, action)}</p>
      {preview === undefined && !previewError && <p role="status">{t('bulk.confirm.counting')}</p>}
      {preview && (
        <>
          <p>{namesText(t, preview.names)}</p>
          {preview.unknownIds.length > 0 && <p className="form-error">{t('bulk.confirm.unknown', { count: preview.unknownIds.length })}</p>}
          {spendsMoney(action) && (
            <p className="bulkrun-balance">
              {preview.balance
                ? t('bulk.confirm.balance', { amount: moneyText(preview.balance.amount, preview.balance.currency, i18n.language) })
                : t('bulk.confirm.noBalance')}
            </p>
          )}
          <p className="field-hint">{t('bulk.confirm.concurrency', { count: preview.concurrency })}</p>
        </>
      )}
      {(previewError ?? startError) && (
        <p role="alert" className="form-error">
          {previewError ?? startError}
        </p>
      )}
      <div className="dialog-actions">
        {onBack && (
          <button type="button" onClick={onBack} disabled={starting}>
            {t('bulk.confirm.back')}
          </button>
        )}
        <button type="button" onClick={onCancel} disabled={starting}>
          {t('app.cancel')}
        </button>
        <button
          type="button"
          className={isDanger(action) ? 'danger' : 'primary'}
          disabled={starting || !preview || preview.count === 0}
          onClick={() => void run()}
        >
          {action.kind === 'command' && action.command === 'reboot' ? t('connections.bulk.rebootConfirm') : t('bulk.confirm.start')}
        </button>
      </div>
    </div>
  )
}
