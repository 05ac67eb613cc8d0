import { useTranslation } from 'react-i18next'
import { bannerReasons } from './banner-text'

/**
 * "Could not refresh: <reason>. [Retry]", shown above the last good data when a refresh failed (the data stays on
 * screen). One banner per screen, each distinct reason once as its own sentence; no reason shows nothing.
 */
export function RefreshNotice({ error, onRetry }: { error: string | undefined; onRetry(): void }) {
  return <RefreshBanner reasons={[error]} onRetry={onRetry} />
}

export interface RefreshProblem {
  error?: string | undefined
  retry(): void
}

/** One banner for several lists (the home screen loads three): their reasons together, and Retry retries each failed one. */
export function RefreshNotices({ problems }: { problems: RefreshProblem[] }) {
  const failing = problems.filter((p) => p.error)
  return <RefreshBanner reasons={failing.map((p) => p.error)} onRetry={() => failing.forEach((p) => p.retry())} />
}

function RefreshBanner({ reasons, onRetry }: { reasons: Array<string | undefined>; onRetry(): void }) {
  const { t } = useTranslation()
  const sentences = bannerReasons(reasons)
  if (sentences.length === 0) return null
  return (
    <div role="alert" className="form-error refresh-notice">
      <p>
        {t('app.couldNotRefresh', { reason: sentences.join(' ') })}
      </p>
      <button type="button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  )
}
