import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { TCP_FINGERPRINTS } from '../../../../../shared/iproxy'
import type { SettingsField } from '../../../../../shared/iproxy'
import { FIELD_KINDS } from './settings-fields'
import type { FormValue } from './settings-fields'

interface Props {
  field: SettingsField
  value: FormValue
  error: string | undefined
  changed: boolean
  onChange(value: FormValue): void
  onBlur(): void
}

/** One setting: its label, the API docs' description as help, and its error tied to it for screen readers. */
export function SettingField({ field, value, error, changed, onChange, onBlur }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const kind = FIELD_KINDS[field]
  const label = t(`connectionDetail.settings.fields.${field}`)
  const isList = kind.type === 'ipList' || kind.type === 'hours'
  const help = `${t(`connectionDetail.settings.help.${field}`)}${isList ? ` ${t('connectionDetail.settings.listHint')}` : ''}`
  const describedBy = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ')
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    onBlur,
  } as const

  let control
  if (kind.type === 'bool') {
    control = (
      <label className="check" htmlFor={id}>
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
    )
  } else if (kind.type === 'fingerprint') {
    const options: string[] = ['', ...TCP_FINGERPRINTS]
    if (typeof value === 'string' && !options.includes(value)) options.push(value)
    control = (
      <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option === '' ? t('connectionDetail.settings.fingerprintOff') : option}
          </option>
        ))}
      </select>
    )
  } else {
    const numeric = kind.type === 'int' || kind.type === 'wholeNumber' || kind.type === 'battery'
    control = (
      <input
        type="text"
        inputMode={numeric ? (kind.type === 'battery' ? 'decimal' : 'numeric') : kind.type === 'url' ? 'url' : undefined}
        spellCheck={false}
        {...common}
        value={String(value)}
        onChange={(e) => onChange(e.target.value)}
      />
    )
  }

  return (
    <div className={`field setting${changed ? ' setting-changed' : ''}`}>
      {kind.type !== 'bool' && <label htmlFor={id}>{label}</label>}
      {control}
      <small id={`${id}-help`} className="field-hint">
        {help}
      </small>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  )
}
