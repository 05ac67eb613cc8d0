import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { IPROXY_DEFAULT_BASE_URL } from '../../../../shared/iproxy'
import { apiKeyInputSchema, baseUrlSchema, profileNameSchema } from '../../../../shared/profiles'
import { useProfiles } from '../../stores/profiles'
import { formErrors } from '../../ui/form-errors'
import type { FormErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'
import { profileIssueText } from './profile-rules'

const addProfileSchema = z.object({ name: profileNameSchema, apiKey: apiKeyInputSchema, baseUrl: baseUrlSchema })

/** Name, key and API address; checked here with the same rules main applies, then verified with iProxy. */
export function AddProfileForm({ onAdded }: { onAdded?: () => void }) {
  const { t } = useTranslation()
  const add = useProfiles((s) => s.add)
  const [name, setName] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [baseUrl, setBaseUrl] = useState(IPROXY_DEFAULT_BASE_URL)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })

  async function submit(): Promise<void> {
    const parsed = addProfileSchema.safeParse({ name, apiKey, baseUrl })
    if (!parsed.success) {
      const fields: Record<string, string> = {}
      for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= profileIssueText(t, String(issue.path[0]), issue)
      setErrors({ fields })
      return
    }
    setBusy(true)
    setErrors({ fields: {} })
    try {
      await add(parsed.data)
      // Cleared for the next account: a form still showing the last name reads as "not added yet".
      setName('')
      setApiKey('')
      setBaseUrl(IPROXY_DEFAULT_BASE_URL)
      onAdded?.()
    } catch (err) {
      setErrors(formErrors(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="form"
      aria-label={t('profiles.addTitle')}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <TextField label={t('profiles.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} autoComplete="off" />
      <TextField
        label={t('profiles.apiKey')}
        type="password"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        error={errors.fields.apiKey}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label={t('profiles.baseUrl')}
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        error={errors.fields.baseUrl}
        hint={t('profiles.baseUrlHint')}
        spellCheck={false}
      />
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('profiles.adding') : t('profiles.add')}
      </button>
    </form>
  )
}
