import { useTranslation } from 'react-i18next'

/** A form's Cancel and submit buttons: both disabled while it saves, the submit saying "Saving…" meanwhile. */
export function FormActions({ busy, onCancel, submitLabel }: { busy: boolean; onCancel(): void; submitLabel?: string | undefined }) {
  const { t } = useTranslation()
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onCancel} disabled={busy}>
        {t('app.cancel')}
      </button>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('app.saving') : (submitLabel ?? t('app.save'))}
      </button>
    </div>
  )
}
