import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HealthSettings } from '../../../../shared/health'
import { getApi } from '../../bridge'
import { TextField } from '../../ui/TextField'
import { formErrors } from '../../ui/form-errors'
import { errorMessage } from '../../ui/error-message'

/** Echo URLs, timeout and concurrency, saved in main (user-data folder). */
export function HealthSettingsForm() {
  const { t } = useTranslation()
  const [settings, setSettings] = useState<HealthSettings>()
  const [echo, setEcho] = useState('')
  const [timeout, setTimeoutSeconds] = useState('')
  const [concurrency, setConcurrency] = useState('')
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const echoId = useId()

  const fill = (s: HealthSettings) => {
    setSettings(s)
    setEcho(s.echoUrls.join('\n'))
    setTimeoutSeconds(String(s.timeoutMs / 1000))
    setConcurrency(String(s.concurrency))
  }
  useEffect(() => {
    getApi()
      .health.settings()
      .then(fill)
      .catch((err: unknown) => setFormError(errorMessage(err)))
  }, [])

  async function save() {
    setBusy(true)
    setSaved(false)
    setErrors({})
    setFormError(undefined)
    try {
      fill(
        await getApi().health.updateSettings({
          echoUrls: echo.split('\n').map((l) => l.trim()).filter(Boolean),
          timeoutMs: Math.round(Number(timeout) * 1000),
          concurrency: Math.round(Number(concurrency)),
        }),
      )
      setSaved(true)
    } catch (err) {
      const mapped = formErrors(err)
      setErrors(mapped.fields)
      if (mapped.form) setFormError(mapped.form)
    } finally {
      setBusy(false)
    }
  }

  if (!settings) return formError ? <p role="alert" className="form-error">{formError}</p> : null
  const echoError = Object.entries(errors).find(([k]) => k.startsWith('echoUrls'))?.[1]
  return (
    <form
      className="form health-settings"
      aria-label={t('health.settings.title')}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <div className="field">
        <label htmlFor={echoId}>{t('health.settings.echoUrls')}</label>
        <textarea
          id={echoId}
          value={echo}
          onChange={(e) => setEcho(e.target.value)}
          spellCheck={false}
          aria-invalid={echoError ? true : undefined}
          aria-describedby={`${echoId}-hint`}
        />
        <small id={`${echoId}-hint`} className="field-hint">
          {t('health.settings.echoHint')}
        </small>
        {echoError && (
          <small className="field-error" role="alert">
            {echoError}
          </small>
        )}
      </div>
      <TextField label={t('health.settings.timeout')} type="number" min={1} max={120} value={timeout} onChange={(e) => setTimeoutSeconds(e.target.value)} error={errors.timeoutMs} />
      <TextField label={t('health.settings.concurrency')} type="number" min={1} max={500} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} error={errors.concurrency} />
      {formError && (
        <p role="alert" className="form-error">
          {formError}
        </p>
      )}
      {saved && <p role="status">{t('health.settings.saved')}</p>}
      <div className="dialog-actions">
        <button type="submit" disabled={busy}>
          {t('health.settings.save')}
        </button>
      </div>
    </form>
  )
}
