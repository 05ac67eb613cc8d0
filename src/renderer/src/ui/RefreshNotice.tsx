import { useTranslation } from 'react-i18next'

/**
 * "Could not refresh: <reason> — Retry", shown above the last good data when a refresh failed (the data stays on
 * screen). One notice for the whole app; `error` undefined shows nothing.
 */
export function RefreshNotice({ error, onRetry }: { error: string | undefined; onRetry(): void }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <p role="alert" className="form-error refresh-notice">
      {t('app.couldNotRefresh', { reason: error })} —{' '}
      <button type="button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </p>
  )
}

export interface RefreshProblem {
  error?: string | undefined
  retry(): void
}

/** One notice for several lists (the home screen loads three): their reasons together, and Retry retries each failed one. */
export function RefreshNotices({ problems }: { problems: RefreshProblem[] }) {
  const failing = problems.filter((p) => p.error)
  const reasons = [...new Set(failing.map((p) => p.error))]
  return <RefreshNotice error={failing.length > 0 ? reasons.join('; ') : undefined} onRetry={() => failing.forEach((p) => p.retry())} />
}
