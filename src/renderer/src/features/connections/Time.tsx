import { localTime, utcTime } from './format'

/** A time in the user's local time, with its UTC value on hover. */
export function Time({ ms, prefix }: { ms: number; prefix?: (local: string) => string }) {
  const local = localTime(ms)
  return (
    <time dateTime={new Date(ms).toISOString()} title={utcTime(ms)}>
      {prefix ? prefix(local) : local}
    </time>
  )
}
