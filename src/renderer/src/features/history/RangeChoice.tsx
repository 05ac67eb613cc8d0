import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** Radio buttons for a few named spans of time ("24 h", "7 days"): the History tab's range, the IP-reuse window. */
export function RangeChoice<K extends string>({ legend, options, value, onChange }: { legend: string; options: readonly K[]; value: K; onChange(value: K): void }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="fieldset history-range">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="choice">
          <input type="radio" name={id} checked={value === option} onChange={() => onChange(option)} />
          {t(`history.spans.${option as '24h'}`)}
        </label>
      ))}
    </fieldset>
  )
}
