import { useTranslation } from 'react-i18next'

export interface RefreshProblem {
  error?: string | undefined
  retry(): void
}

/** "Could not refresh: <reason> — Retry" for each list that failed; the last good data stays on screen. */
export function RefreshNotice({ problems }: { problems: RefreshProblem[] }) {
  const { t } = useTranslation()
  const failing = problems.filter((p) => p.error)
  const reasons = [...new Set(failing.map((p) => p.error))]
  if (failing.length === 0) return null
  return (
    <div role="alert" className="refresh-notice">
      <span>{t('app.couldNotRefresh', { reason: reasons.join('; ') })}</span>
      {' — '}
      <button type="button" onClick={() => failing.forEach((p) => p.retry())}>
        {t('app.retry')}
      </button>
    </div>
  )
}
