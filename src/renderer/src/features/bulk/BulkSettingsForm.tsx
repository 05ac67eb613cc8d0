/**
 * How bulk runs and rules pace their work (bulk-settings.json, through `bulk.settings` / `bulk.updateSettings`):
 * how many connections a bulk run works on at once, and the least time between two actions on one phone (the phone
 * gate bulk runs and rules share). Checked with the contract's own schema before it is sent; each problem on its
 * field, in the interface's language.
 */
import { useEffect, useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_BULK_CONCURRENCY, MAX_SAME_PHONE_GAP_SECONDS } from '../../../../shared/bulk'
import { bulkSettingsUpdateSchema, type BulkSettings } from '../../../../shared/contract/bulk'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'
import { TextField } from '../../ui/TextField'
import { formErrors, schemaErrors, type FormErrors } from '../../ui/form-errors'
import { typedNumber } from '../../ui/typed-number'

const FIELDS = ['concurrency', 'samePhoneGapSeconds'] as const
type Field = (typeof FIELDS)[number]

export function BulkSettingsForm() {
  const { t } = useTranslation()
  const id = useId()
  const [saved, setSaved] = useState<BulkSettings>()
  const [draft, setDraft] = useState<Partial<Record<Field, string>>>({})
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [loadError, setLoadError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<string>()

  useEffect(() => {
    let live = true
    getApi()
      .bulk.settings()
      .then(
        (settings) => live && setSaved(settings),
        (err: unknown) => live && setLoadError(errorMessage(err)),
      )
    return () => {
      live = false
    }
  }, [])

  const text = (field: Field): string => draft[field] ?? (saved ? String(saved[field]) : '')

  async function submit(event: FormEvent) {
    event.preventDefault()
    setNotice(undefined)
    const body = Object.fromEntries(FIELDS.map((field) => [field, typedNumber(text(field))]))
    const parsed = bulkSettingsUpdateSchema.safeParse(body)
    if (!parsed.success) return setErrors(schemaErrors(parsed.error, FIELDS))
    setErrors({ fields: {} })
    setSaving(true)
    try {
      const next = await getApi().bulk.updateSettings(parsed.data)
      setSaved(next)
      setDraft({})
      setNotice(t('bulk.pace.saved', { count: next.concurrency, gap: next.samePhoneGapSeconds }))
    } catch (err) {
      setErrors(formErrors(err))
    } finally {
      setSaving(false)
    }
  }

  const field = (name: Field, min: number, max: number) => (
    <TextField
      label={t(`bulk.pace.${name}`)}
      hint={t(`bulk.pace.${name}Hint`)}
      error={errors.fields[name]}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={text(name)}
      disabled={saved === undefined}
      onChange={(event) => {
        setDraft({ ...draft, [name]: event.target.value })
        setNotice(undefined)
      }}
    />
  )

  return (
    <section className="bulk-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('bulk.pace.title')}</h2>
      <form aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
        {field('concurrency', 1, MAX_BULK_CONCURRENCY)}
        {field('samePhoneGapSeconds', 0, MAX_SAME_PHONE_GAP_SECONDS)}
        <button type="submit" className="primary" disabled={saving || saved === undefined}>
          {saving ? t('app.saving') : t('app.save')}
        </button>
      </form>
      <div aria-live="polite">
        {(errors.form ?? loadError) && (
          <p role="alert" className="form-error">
            {errors.form ?? t('bulk.pace.loadFailed', { reason: loadError })}
          </p>
        )}
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
      </div>
    </section>
  )
}
