import { useTranslation } from 'react-i18next'
import { DATE_TIME, durationText, localTimeText, relativeTimeText, timeMs, utcText, type TimeValue } from './time-text'
import { useMinuteClock } from './use-minute-clock'

/**
 * How a time reads: `date` "28 Nov 2026, 15:04" (detail views); `ago` "2 min ago" / "in 3 days" (lists);
 * `for` "for 3 h", the time since then (a status held since that time).
 */
export type TimeDisplay = 'date' | 'ago' | 'for'

/**
 * A time in the user's local time zone. On hover: the full local date and time and the UTC value, so a relative
 * time can always be read exactly. `fallback` when there is no time (absent, unreadable, or the API's "no date").
 * `prefix` puts it into a sentence ("since {time}").
 */
export function LocalTime({
  value,
  fallback = '—',
  display = 'date',
  prefix,
}: {
  value: TimeValue | undefined
  fallback?: string
  display?: TimeDisplay
  prefix?: (text: string) => string
}) {
  // Re-renders when the language changes, and each minute so that "2 min ago" stays true.
  const { t, i18n } = useTranslation()
  const now = useMinuteClock()
  const ms = timeMs(value)
  if (ms === undefined) return <span>{fallback}</span>
  const full = localTimeText(ms, DATE_TIME, i18n.language)
  const text =
    display === 'date' ? full : display === 'ago' ? relativeTimeText(ms, now, i18n.language) : t('time.for', { duration: durationText(now - ms, i18n.language) })
  return (
    <time dateTime={new Date(ms).toISOString()} title={display === 'date' ? utcText(ms) : `${full} (${utcText(ms)})`}>
      {prefix ? prefix(text) : text}
    </time>
  )
}
