/**
 * What a run asks before its confirmation, for the actions that need it: on or off for the proxy switch, the days
 * for a prolongation. Each checks its value with the shared schema's rule and hands the finished action on.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BulkAction } from '../../../../shared/bulk'
import { prolongatePlanRequestSchema } from '../../../../shared/iproxy'
import { TextField } from '../../ui/TextField'
import { FormActions } from '../../ui/FormActions'

interface ParamsProps {
  onNext(action: BulkAction): void
  onCancel(): void
}

export function ToggleParams({ onNext, onCancel }: ParamsProps) {
  const { t } = useTranslation()
  const [enabled, setEnabled] = useState(true)
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        onNext({ kind: 'command', command: 'toggle_proxy', enabled })
      }}
    >
      <fieldset className="fieldset">
        <legend>{t('bulk.toggle.legend')}</legend>
        <label className="choice">
          <input type="radio" name="bulk-toggle" checked={enabled} onChange={() => setEnabled(true)} />
          {t('bulk.toggle.on')}
        </label>
        <label className="choice">
          <input type="radio" name="bulk-toggle" checked={!enabled} onChange={() => setEnabled(false)} />
          {t('bulk.toggle.off')}
        </label>
      </fieldset>
      <FormActions busy={false} onCancel={onCancel} submitLabel={t('bulk.confirm.next')} />
    </form>
  )
}

export function ProlongParams({ onNext, onCancel }: ParamsProps) {
  const { t } = useTranslation()
  const [days, setDays] = useState('30')
  const [error, setError] = useState<string>()
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const value = days.trim() === '' ? Number.NaN : Number(days.trim())
        const parsed = prolongatePlanRequestSchema.shape.days.safeParse(value)
        if (!parsed.success) {
          setError(t('bulk.prolong.daysRule'))
          event.currentTarget.querySelector('input')?.focus()
          return
        }
        onNext({ kind: 'prolong', days: parsed.data })
      }}
    >
      <TextField
        label={t('bulk.prolong.days')}
        hint={t('bulk.prolong.daysHint')}
        inputMode="numeric"
        value={days}
        error={error}
        onChange={(event) => {
          setDays(event.target.value)
          setError(undefined)
        }}
      />
      <FormActions busy={false} onCancel={onCancel} submitLabel={t('bulk.confirm.next')} />
    </form>
  )
}
