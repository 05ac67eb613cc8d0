import i18next from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** `2026-01-01 10:00:00 UTC`, or the raw text when it is not a date. */
export function utcText(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** The user's local date and time in the app's language, for sentences (dialogs, notices). */
export function localTimeText(iso: string, language = i18next.language): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' })
}

/** A time in the user's local time zone, with the UTC value on hover. */
export function LocalTime({ iso }: { iso: string | undefined }) {
  const { t, i18n } = useTranslation()
  if (!iso) return <>{t('connectionDetail.none')}</>
  return (
    <time dateTime={iso} title={utcText(iso)}>
      {localTimeText(iso, i18n.language)}
    </time>
  )
}

/** The time the component first rendered: a stable "now" for deciding whether a plan is still active. */
export function useMountTime(): number {
  const [now] = useState(() => Date.now())
  return now
}
