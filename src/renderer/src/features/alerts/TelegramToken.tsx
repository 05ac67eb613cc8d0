import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWatch } from '../../stores/watch'
import { errorMessage } from '../../ui/error-message'

/** The bot token: written to the keychain by its own button, never read back (the page only learns whether one is stored). */
export function TelegramToken({ tokenSet }: { tokenSet: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const setTelegramToken = useWatch((s) => s.setTelegramToken)
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState<string>()
  const [problem, setProblem] = useState<string>()
  const store = async (value: string) => {
    setBusy(true)
    setSaid(undefined)
    setProblem(undefined)
    try {
      await setTelegramToken(value)
      setToken('')
      setSaid(value === '' ? t('alerts.telegram.tokenRemoved') : t('alerts.telegram.tokenSaved'))
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="alerts-token">
      <div className="alerts-inline">
        <div className="field">
          <label htmlFor={`${id}-token`}>{t('alerts.telegram.token')}</label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setToken(e.target.value)}
          />
        </div>
        <button type="button" disabled={busy || token.trim() === ''} onClick={() => void store(token.trim())}>
          {t('alerts.telegram.saveToken')}
        </button>
        {tokenSet && (
          <button type="button" disabled={busy} onClick={() => void store('')}>
            {t('alerts.telegram.removeToken')}
          </button>
        )}
      </div>
      <small id={`${id}-hint`} className="field-hint">
        {tokenSet ? t('alerts.telegram.tokenSet') : t('alerts.telegram.tokenNotSet')} {t('alerts.telegram.tokenHint')}
      </small>
      {said && (
        <p role="status" className="notice">
          {said}
        </p>
      )}
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
    </div>
  )
}
