import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from './Dialog'
import { errorMessage } from './error-message'

interface ConfirmDialogProps {
  title: string
  body: string
  confirmLabel: string
  /** Runs the action; the dialog stays open with the error when it fails. */
  onConfirm(): Promise<void>
  onClose(): void
  danger?: boolean
}

/** Asks before a destructive or paid action, says what will happen, and shows the outcome's error in place. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose, danger = true }: ConfirmDialogProps) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{body}</p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('app.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            setError(undefined)
            try {
              await onConfirm()
              onClose()
            } catch (err) {
              setError(errorMessage(err))
              setBusy(false)
            }
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}
