import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserInfo } from '../../../../shared/iproxy'
import { updateUserBasicInfoRequestSchema } from '../../../../shared/iproxy'
import { useAccount } from '../../stores/account'
import { formErrors } from '../../ui/form-errors'
import type { FormErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'

const FIELDS = [
  { name: 'display_name', label: 'account.displayName' },
  { name: 'telegram', label: 'account.telegram' },
  { name: 'proxy_prefix', label: 'account.proxyPrefix' },
] as const
type FieldName = (typeof FIELDS)[number]['name']

/** Edits display name, telegram and proxy prefix; sends only what changed; a failed save keeps what was typed. */
export function AccountEditForm({ profileId, info, onDone }: { profileId: string; info: UserInfo; onDone(saved: boolean): void }) {
  const { t } = useTranslation()
  const update = useAccount((s) => s.update)
  const [values, setValues] = useState<Record<FieldName, string>>({
    display_name: info.display_name ?? '',
    telegram: info.telegram ?? '',
    proxy_prefix: info.proxy_prefix ?? '',
  })
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)

  async function save(): Promise<void> {
    const changed = Object.fromEntries(FIELDS.filter((f) => values[f.name] !== (info[f.name] ?? '')).map((f) => [f.name, values[f.name]]))
    if (Object.keys(changed).length === 0) return onDone(false)
    const parsed = updateUserBasicInfoRequestSchema.safeParse(changed)
    if (!parsed.success) {
      const fields: Record<string, string> = {}
      for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message
      return setErrors({ fields })
    }
    setBusy(true)
    try {
      await update(profileId, parsed.data)
      onDone(true)
    } catch (err) {
      setErrors(formErrors(err))
      setBusy(false)
    }
  }

  return (
    <form
      className="form"
      aria-label={t('account.edit')}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      {FIELDS.map((field) => (
        <TextField
          key={field.name}
          label={t(field.label)}
          value={values[field.name]}
          onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
          error={errors.fields[field.name]}
        />
      ))}
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => onDone(false)} disabled={busy}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('app.saving') : t('app.save')}
        </button>
      </div>
    </form>
  )
}
