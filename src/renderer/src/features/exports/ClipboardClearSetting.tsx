/**
 * The export preference "clear copied passwords from the clipboard after…": a few choices like a password
 * manager's, plus the stored value when it is none of them (the file allows any whole number of seconds).
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useExportsStore } from '../../stores/exports'
import { SelectField } from '../../ui/SelectField'
import { errorMessage } from '../../ui/error-message'

const CHOICES = [15, 30, 60, 120, 300, 0]

function choiceLabel(t: TFunction, seconds: number): string {
  if (seconds === 0) return t('exports.clearNever')
  return seconds % 60 === 0 ? t('exports.clearAfterMinutes', { minutes: seconds / 60 }) : t('exports.clearAfterSeconds', { seconds })
}

export function ClipboardClearSetting() {
  const { t } = useTranslation()
  const loaded = useExportsStore((s) => s.loaded)
  const seconds = useExportsStore((s) => s.preferences.clearClipboardSeconds)
  const [error, setError] = useState<string>()
  useEffect(() => {
    void useExportsStore.getState().load()
  }, [])
  if (!loaded) return null
  const choices = CHOICES.includes(seconds) ? CHOICES : [...CHOICES, seconds].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b))
  return (
    <div className="exports-clipboard-setting">
      <SelectField
        label={t('exports.clearClipboard')}
        value={String(seconds)}
        options={choices.map((s) => ({ value: String(s), label: choiceLabel(t, s) }))}
        onChange={(value) => {
          setError(undefined)
          useExportsStore
            .getState()
            .update({ clearClipboardSeconds: Number(value) })
            .catch((err: unknown) => setError(errorMessage(err)))
        }}
        error={error}
      />
      <p className="muted">{t('exports.clearClipboardHint')}</p>
    </div>
  )
}
