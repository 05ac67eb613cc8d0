import { useEffect, useId, useRef } from 'react'
import { CopyButton } from '../../../ui/CopyButton'

/** A value shown once (a PIN code, a new key): read-only and selected, with a Copy button. */
export function SecretValue({ label, value, hint }: { label: string; value: string; hint: string }) {
  const id = useId()
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    ref.current?.select()
  }, [value])
  return (
    <div className="field secret-value">
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input id={id} ref={ref} readOnly value={value} className="mono" aria-describedby={`${id}-hint`} onFocus={(e) => e.target.select()} />
        <CopyButton text={value} what={label} />
      </div>
      <small id={`${id}-hint`} className="field-hint">
        {hint}
      </small>
    </div>
  )
}
