import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpdateState } from '../../../../shared/update'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'

/** How often the banner asks main where the update stands (the updater itself checks every four hours). */
const POLL_MS = 60_000

/**
 * The app's own update, unobtrusive: a line above the screen when a version is available (with its notes),
 * downloading, or ready ("Restart to update"). Dismissed, it stays hidden for that version and that state.
 */
export function UpdateBanner() {
  const { t } = useTranslation()
  const [state, setState] = useState<UpdateState>({ kind: 'idle' })
  const [dismissed, setDismissed] = useState<string>()
  const [error, setError] = useState<string>()
  const refresh = useCallback(() => {
    getApi().support.updateState().then(setState, () => undefined)
  }, [])
  useEffect(() => {
    refresh()
    const timer = window.setInterval(refresh, POLL_MS)
    window.addEventListener('focus', refresh)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', refresh)
    }
  }, [refresh])

  if (state.kind !== 'available' && state.kind !== 'downloading' && state.kind !== 'ready') return null
  const key = `${state.kind} ${state.version}`
  if (dismissed === key) return null
  const act = (action: () => Promise<void>) => () => {
    setError(undefined)
    action().then(refresh, (err: unknown) => setError(errorMessage(err)))
  }
  return (
    <section className="notice update-banner" aria-label={t('help.update.bannerLabel')} data-testid="update-banner">
      <p role="status">
        {state.kind === 'available' && t('help.update.available', { version: state.version })}
        {state.kind === 'downloading' && t('help.update.downloading', { version: state.version, percent: state.percent })}
        {state.kind === 'ready' && t('help.update.ready', { version: state.version })}
      </p>
      {state.releaseNotes && (
        <details>
          <summary>{t('help.update.notes')}</summary>
          <p className="update-notes">{state.releaseNotes}</p>
        </details>
      )}
      <div className="toolbar">
        {state.kind === 'available' && (
          <button type="button" onClick={act(() => getApi().support.downloadUpdate())}>
            {t('help.update.download')}
          </button>
        )}
        {state.kind === 'ready' && (
          <button type="button" onClick={act(() => getApi().support.restartToUpdate())}>
            {t('help.update.restart')}
          </button>
        )}
        <button type="button" onClick={() => setDismissed(key)}>
          {t('help.update.later')}
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {t('help.failed', { reason: error })}
        </p>
      )}
    </section>
  )
}
