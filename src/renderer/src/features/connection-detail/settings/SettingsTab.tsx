import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { updateSettingsRequestSchema } from '../../../../../shared/iproxy'
import type { Connection, SettingsField } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import type { FormErrors } from '../../../ui/form-errors'
import { serverErrors } from '../../../ui/form-errors'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import { SettingField } from './SettingField'
import { changedFields, FIELD_KINDS, formValuesOf, SETTINGS_FIELDS, SETTINGS_GROUPS, settingRule } from './settings-fields'
import type { FormValue, FormValues } from './settings-fields'
import { updateConnection, useConnection } from '../../../stores/connections'

/** Every update-settings field, grouped; validated before sending; only changed fields are sent. */
export function SettingsTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const { data, error, profileId, refresh } = useConnection(connId)
  if (!data || !profileId) {
    return error ? <RefreshNotice error={error} onRetry={() => void refresh()} /> : <p>{t('connectionDetail.loadingConnection')}</p>
  }
  return <SettingsForm key={connId} profileId={profileId} connection={data} />
}

function SettingsForm({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const [values, setValues] = useState<FormValues>(() => formValuesOf(connection.settings))
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string>()
  const changed = changedFields(connection.settings, values)
  const changedNames = Object.keys(changed) as SettingsField[]
  const labelOf = (field: SettingsField) => t(`connectionDetail.settings.fields.${field}`)

  // An issue's path names a field of the form; anything else is only "required".
  const ruleFor = (field: string): string => (field in FIELD_KINDS ? settingRule(t, field as SettingsField) : t('connectionDetail.rules.required'))

  /** Checks one field as it stands, so a mistake shows as soon as the user leaves the box. */
  function check(field: SettingsField): void {
    const value = changedFields(connection.settings, values)[field]
    const parsed = value === undefined ? undefined : updateSettingsRequestSchema.safeParse({ [field]: value })
    setErrors((current) => {
      const fields = { ...current.fields }
      if (parsed && !parsed.success) fields[field] = ruleFor(field)
      else delete fields[field]
      return { fields }
    })
  }

  function change(field: SettingsField, value: FormValue): void {
    setValues((current) => ({ ...current, [field]: value }))
    setNotice(undefined)
  }

  async function save(): Promise<void> {
    setNotice(undefined)
    if (changedNames.length === 0) return setNotice(t('connectionDetail.settings.noChanges'))
    const parsed = updateSettingsRequestSchema.safeParse(changed)
    if (!parsed.success) {
      const fields: Record<string, string> = {}
      for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= ruleFor(String(issue.path[0]))
      return setErrors({ fields, form: t('connectionDetail.settings.fixErrors') })
    }
    setBusy(true)
    setErrors({ fields: {} })
    try {
      const { id: _id, ...saved } = await getApi().connections.updateSettings({ connId: connection.id, body: parsed.data })
      updateConnection(profileId, connection.id, (c) => ({ ...c, settings: { ...c.settings, ...saved } }))
      setValues(formValuesOf({ ...connection.settings, ...saved }))
      setNotice(t('connectionDetail.settings.saved', { fields: changedNames.map(labelOf).join(', ') }))
    } catch (err) {
      setErrors(serverErrors(err, SETTINGS_FIELDS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="settings-form"
      aria-label={t('connectionDetail.settings.formLabel')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      {SETTINGS_GROUPS.map((group) => (
        <fieldset key={group.id} className="settings-group">
          <legend>{t(`connectionDetail.settings.groups.${group.id}`)}</legend>
          {group.fields.map((field) => (
            <SettingField
              key={field}
              field={field}
              value={values[field]}
              error={errors.fields[field]}
              changed={field in changed}
              onChange={(value) => change(field, value)}
              onBlur={() => check(field)}
            />
          ))}
        </fieldset>
      ))}
      <div className="settings-footer">
        {changedNames.length > 0 && (
          <p className="field-hint" data-testid="settings-changed">
            {t('connectionDetail.settings.changedCount', { fields: changedNames.map(labelOf).join(', ') })}
          </p>
        )}
        {errors.form && (
          <p role="alert" className="form-error">
            {errors.form}
          </p>
        )}
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <div className="toolbar">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('app.saving') : t('connectionDetail.settings.save')}
          </button>
          <button
            type="button"
            disabled={busy || changedNames.length === 0}
            onClick={() => {
              setValues(formValuesOf(connection.settings))
              setErrors({ fields: {} })
            }}
          >
            {t('connectionDetail.settings.discard')}
          </button>
        </div>
      </div>
    </form>
  )
}
