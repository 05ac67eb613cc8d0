import { useEffect, useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../../../shared/history'
import { useRetention } from '../../stores/history'
import { errorMessage } from '../../ui/error-message'

/** How many days of history the app keeps; older records are deleted in the background once saved. */
export function RetentionForm() {
  const { t } = useTranslation()
  const id = useId()
  const { days, loading, saving, error, load, save } = useRetention(
    useShallow((s) => ({ days: s.days, loading: s.loading, saving: s.saving, error: s.error, load: s.load, save: s.save })),
  )
  // What the user typed; until then the saved value.
  const [draft, setDraft] = useState<string>()
  const text = draft ?? (days === undefined ? '' : String(days))
  const [problem, setProblem] = useState<string>()
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    void load()
  }, [load])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaved(false)
    const value = Number(text.trim())
    if (!Number.isInteger(value) || value < MIN_RETENTION_DAYS || value > MAX_RETENTION_DAYS) {
      setProblem(t('history.retention.invalid', { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS }))
      return
    }
    setProblem(undefined)
    try {
      await save(value)
      setDraft(undefined)
      setSaved(true)
    } catch (err) {
      setProblem(errorMessage(err))
    }
  }

  const shownError = problem ?? (error ? t('history.retention.loadFailed', { reason: error }) : undefined)
  return (
    <section className="history-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('history.retention.title')}</h2>
      <form className="history-retention" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('history.retention.days')}</label>
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={MIN_RETENTION_DAYS}
            max={MAX_RETENTION_DAYS}
            value={text}
            disabled={loading && days === undefined}
            aria-describedby={`${id}-hint`}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => {
              setDraft(event.target.value)
              setSaved(false)
            }}
          />
        </div>
        <button type="submit" className="primary" disabled={saving || days === undefined}>
          {saving ? t('app.saving') : t('app.save')}
        </button>
      </form>
      <p id={`${id}-hint`} className="field-hint">
        {t('history.retention.hint')}
      </p>
      {shownError && (
        <p role="alert" className="form-error">
          {shownError}
        </p>
      )}
      {saved && days !== undefined && (
        <p role="status" className="notice">
          {t('history.retention.saved', { count: days })}
        </p>
      )}
    </section>
  )
}
