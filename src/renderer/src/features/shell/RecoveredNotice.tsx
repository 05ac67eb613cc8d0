import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RECOVERED_PARAM } from '../../../../shared/contract/app'

/**
 * After the window's page crashed, main loads it again with `?recovered=<reason>` (main/window.ts): say so, once,
 * so a user who lost what they were typing knows why. Dismissed, it stays gone until the next reload.
 */
export function RecoveredNotice() {
  const { t } = useTranslation()
  const [shown, setShown] = useState(() => new URLSearchParams(window.location.search).has(RECOVERED_PARAM))
  if (!shown) return null
  return (
    <p role="alert" className="notice recovered-notice">
      {t('shell.recovered')}{' '}
      <button type="button" onClick={() => setShown(false)}>
        {t('shell.dismiss')}
      </button>
    </p>
  )
}
