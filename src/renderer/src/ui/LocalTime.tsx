import { useTranslation } from 'react-i18next'
import { DATE_TIME, localTimeText, timeMs, utcText, type TimeValue } from './time-text'

/**
 * A time in the user's local time zone, with the UTC value on hover; `fallback` when there is no time (absent,
 * unreadable, or the API's "no date"). `prefix` puts it into a sentence ("since {time}").
 */
export function LocalTime({
  value,
  fallback = '—',
  options = DATE_TIME,
  prefix,
}: {
  value: TimeValue | undefined
  fallback?: string
  options?: Intl.DateTimeFormatOptions
  prefix?: (local: string) => string
}) {
  // Re-renders when the language changes.
  const { i18n } = useTranslation()
  const ms = timeMs(value)
  if (ms === undefined) return <span>{fallback}</span>
  const local = localTimeText(ms, options, i18n.language)
  return (
    <time dateTime={new Date(ms).toISOString()} title={utcText(ms)}>
      {prefix ? prefix(local) : local}
    </time>
  )
}
