/**
 * Quiet hours: a daily window (`from`–`to`, local time of this computer, may wrap midnight) in which alerts do
 * not make noise. `from` is inside the window, `to` is not; `from` equal to `to` is an empty window (never
 * quiet), since "quiet all day" is what pausing alerts is for.
 */
import type { WatchSettings } from '../../../shared/watch'

/** "23:30" as minutes after midnight. */
function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

export function inQuietHours(quiet: WatchSettings['quietHours'], at: number): boolean {
  if (!quiet.enabled) return false
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  if (from === to) return false
  const date = new Date(at)
  const now = date.getHours() * 60 + date.getMinutes()
  return from < to ? now >= from && now < to : now >= from || now < to
}
