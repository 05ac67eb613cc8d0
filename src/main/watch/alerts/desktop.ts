/**
 * The desktop channel's model: a batch of events as the notifications to show. One event is one notice that opens
 * its connection when clicked; a burst is ONE summary notice (a screen of 500 notifications helps nobody). The
 * shell shows them with Electron's Notification; this file stays pure so Node tests can read what would be shown.
 */
import type { WatchEvent } from '../../../shared/watch'
import type { DesktopNotice } from '../types'
import { batchTitle, eventSentence, kindTitle, lineText, summaryLines, type AlertLanguage } from './messages'

export function desktopNotices(events: readonly WatchEvent[], lang: AlertLanguage): DesktopNotice[] {
  if (events.length === 0) return []
  if (events.length === 1) {
    const event = events[0]!
    const notice: DesktopNotice = { title: kindTitle(event.kind, lang), body: eventSentence(event, lang) }
    if (event.connectionId) notice.connectionId = event.connectionId
    return [notice]
  }
  const lines = summaryLines(events, lang)
  const notice: DesktopNotice =
    lines.length === 1
      ? { title: lines[0]!.headline, body: lines[0]!.names ?? lines[0]!.headline }
      : { title: batchTitle(events.length, lang), body: lines.map(lineText).join('\n') }
  // Several events about one connection (offline, then its plan) still open that connection.
  const ids = new Set(events.map((e) => e.connectionId))
  const only = ids.size === 1 ? [...ids][0] : undefined
  if (only) notice.connectionId = only
  return [notice]
}
