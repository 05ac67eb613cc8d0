import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useProfiles } from '../../stores/profiles'
import { errorMessage } from '../../ui/error-message'

/** Starts the embedded simulator and switches to its account: the whole app, no iProxy account needed. */
export function TryDemoButton() {
  const { t } = useTranslation()
  const startDemo = useProfiles((s) => s.startDemo)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  return (
    <div className="try-demo">
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          setError(undefined)
          try {
            await startDemo()
          } catch (err) {
            setError(errorMessage(err))
          } finally {
            setBusy(false)
          }
        }}
      >
        {t('firstRun.tryDemo')}
      </button>
      <small className="field-hint">{t('firstRun.demoHint')}</small>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  )
}
