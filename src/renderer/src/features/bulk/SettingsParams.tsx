/**
 * "Apply settings": any subset of a connection's settings, with the Settings tab's own fields (labels, help, the
 * way each is typed). Only ticked settings are sent; they are checked with the seed's rules first and a bad value
 * is refused on its field, in the interface language, before anything leaves the page.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BulkAction } from '../../../../shared/bulk'
import type { SettingsField } from '../../../../shared/iproxy'
import { SettingField } from '../connection-detail/settings/SettingField'
import { SETTINGS_GROUPS } from '../connection-detail/settings/settings-fields'
import { settingRule } from '../connection-detail/settings/settings-fields'
import { checkDraft, emptyDraft, withIncluded, withValue } from './settings-draft'
import { FormActions } from '../../ui/FormActions'

interface Props {
  onNext(action: BulkAction): void
  onCancel(): void
}

export function SettingsParams({ onNext, onCancel }: Props) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(emptyDraft)
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({})
  const [formError, setFormError] = useState<string>()
  // Bumped on each refused Continue: focus then goes to the first setting at fault.
  const [refused, setRefused] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (refused > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [refused])
  const label = (field: SettingsField) => t(`connectionDetail.settings.fields.${field}`)

  function submit(): void {
    if (draft.included.size === 0) return setFormError(t('bulk.settings.noneChosen'))
    const checked = checkDraft(draft)
    if (!checked.ok) {
      setErrors(Object.fromEntries(checked.fields.map((field) => [field, settingRule(t, field)])))
      setFormError(t('bulk.settings.fixErrors'))
      setRefused((n) => n + 1)
      return
    }
    onNext({ kind: 'settings', settings: checked.settings })
  }

  const clearError = (field: SettingsField) => {
    setFormError(undefined)
    setErrors((current) => {
      const { [field]: _gone, ...rest } = current
      return rest
    })
  }

  return (
    <form
      ref={formRef}
      className="bulkrun-settings"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <p className="field-hint">{t('bulk.settings.intro')}</p>
      {SETTINGS_GROUPS.map((group) => (
        <fieldset key={group.id} className="fieldset">
          <legend>{t(`connectionDetail.settings.groups.${group.id}`)}</legend>
          {group.fields.map((field) => (
            <div key={field} className="bulkrun-setting">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={draft.included.has(field)}
                  onChange={(event) => {
                    setDraft((current) => withIncluded(current, field, event.target.checked))
                    clearError(field)
                  }}
                />
                {t('bulk.settings.include', { field: label(field) })}
              </label>
              {draft.included.has(field) && (
                <SettingField
                  field={field}
                  value={draft.values[field]}
                  error={errors[field]}
                  changed={false}
                  onChange={(value) => {
                    setDraft((current) => withValue(current, field, value))
                    clearError(field)
                  }}
                  onBlur={() => {}}
                />
              )}
            </div>
          ))}
        </fieldset>
      ))}
      {formError && (
        <p role="alert" className="form-error">
          {formError}
        </p>
      )}
      <FormActions busy={false} onCancel={onCancel} submitLabel={t('bulk.confirm.next')} />
    </form>
  )
}
