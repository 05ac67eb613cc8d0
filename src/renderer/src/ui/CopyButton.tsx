import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getApi } from '../bridge'
import { errorMessage } from './error-message'

/**
 * Copies text through main (`app.copyText`): the page itself may not touch the clipboard, since the app denies
 * every permission. Says "Copied." or why it could not. `label` replaces the button's "Copy" where that alone would not
 * say what is copied.
 */
export function CopyButton({ text, what, label }: { text: string; what?: string; label?: string }) {
  const { t } = useTranslation()
  const [outcome, setOutcome] = useState<string>()
  return (
    <span className="copy-button">
      <button
        type="button"
        aria-label={what ? t('app.copyLabel', { what }) : undefined}
        onClick={async () => {
          try {
            await getApi().app.copyText({ text })
            setOutcome(t('app.copied'))
          } catch (err) {
            setOutcome(errorMessage(err))
          }
        }}
      >
        {label ?? t('app.copy')}
      </button>
      {outcome && (
        <small role="status" className="notice">
          {outcome}
        </small>
      )}
    </span>
  )
}
