import { RefreshNotice } from '../../ui/RefreshNotice'

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
