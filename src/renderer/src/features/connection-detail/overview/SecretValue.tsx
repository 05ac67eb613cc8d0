import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A value shown once (a PIN code, a new key): read-only and selected, with a Copy button. The renderer may not
 * use the async clipboard API (the permission handler denies it), so Copy copies the selected text the way
 * Ctrl+C does, and says to press Ctrl+C when the browser refuses.
 */
export function SecretValue({ label, value, hint }: { label: string; value: string; hint: string }) {
  const { t } = useTranslation()
  const id = useId()
  const ref = useRef<HTMLInputElement>(null)
  const [copy, setCopy] = useState<'copied' | 'manual'>()
  useEffect(() => {
    ref.current?.select()
  }, [value])
  return (
    <div className="field secret-value">
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input id={id} ref={ref} readOnly value={value} className="mono" aria-describedby={`${id}-hint`} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          onClick={() => {
            ref.current?.select()
            let ok = false
            try {
              ok = document.execCommand('copy')
            } catch {
              ok = false
            }
            setCopy(ok ? 'copied' : 'manual')
          }}
        >
          {t('connectionDetail.keys.copy')}
        </button>
      </div>
      <small id={`${id}-hint`} className="field-hint">
        {hint}
      </small>
      {copy && (
        <small role="status" className="notice">
          {t(copy === 'copied' ? 'connectionDetail.keys.copied' : 'connectionDetail.keys.copyManually')}
        </small>
      )}
    </div>
  )
}
