/**
 * The Alerts form's draft: the watch settings as the form edits them (numbers as typed text), and back. The form
 * checks the result with the shared schema before sending it, so a bad value is named on its field at once; main
 * checks it again and any issue it finds lands on the same field (ui/form-errors.ts).
 */
import type { WatchSettings } from '../../../../shared/watch'
import { typedNumber } from '../../ui/typed-number'

export interface AlertDraft {
  enabled: boolean
  intervalSeconds: string
  offlineAfterSeconds: string
  checkFailuresInRow: string
  planExpiringHours: string
  scheduledEnabled: boolean
  scheduledEveryMinutes: string
  desktopNotifications: boolean
  webhooks: string[]
  telegramEnabled: boolean
  telegramChatId: string
  telegramApiBaseUrl: string
  quietEnabled: boolean
  quietFrom: string
  quietTo: string
  keepWatchingWhenClosed: boolean
  startAtLogin: boolean
}

/** The fields the form shows, by the settings' paths (where form-errors puts each issue). */
export const ALERT_FIELDS = [
  'intervalSeconds',
  'offlineAfterSeconds',
  'checkFailuresInRow',
  'planExpiringHours',
  'scheduledChecks.everyMinutes',
  'webhooks',
  'telegram.chatId',
  'telegram.apiBaseUrl',
  'quietHours.from',
  'quietHours.to',
] as const

export function draftOf(s: WatchSettings): AlertDraft {
  return {
    enabled: s.enabled,
    intervalSeconds: String(s.intervalSeconds),
    offlineAfterSeconds: String(s.offlineAfterSeconds),
    checkFailuresInRow: String(s.checkFailuresInRow),
    planExpiringHours: String(s.planExpiringHours),
    scheduledEnabled: s.scheduledChecks.enabled,
    scheduledEveryMinutes: String(s.scheduledChecks.everyMinutes),
    desktopNotifications: s.desktopNotifications,
    webhooks: [...s.webhooks],
    telegramEnabled: s.telegram.enabled,
    telegramChatId: s.telegram.chatId,
    telegramApiBaseUrl: s.telegram.apiBaseUrl,
    quietEnabled: s.quietHours.enabled,
    quietFrom: s.quietHours.from,
    quietTo: s.quietHours.to,
    keepWatchingWhenClosed: s.keepWatchingWhenClosed,
    startAtLogin: s.startAtLogin,
  }
}

/** The settings the draft says, for the schema to check; `base` keeps what the form does not edit (chosen connections). */
export function settingsOf(d: AlertDraft, base: WatchSettings): Record<keyof WatchSettings, unknown> {
  return {
    enabled: d.enabled,
    intervalSeconds: typedNumber(d.intervalSeconds),
    offlineAfterSeconds: typedNumber(d.offlineAfterSeconds),
    checkFailuresInRow: typedNumber(d.checkFailuresInRow),
    planExpiringHours: typedNumber(d.planExpiringHours),
    scheduledChecks: { enabled: d.scheduledEnabled, everyMinutes: typedNumber(d.scheduledEveryMinutes), connectionIds: base.scheduledChecks.connectionIds },
    desktopNotifications: d.desktopNotifications,
    webhooks: d.webhooks,
    telegram: { enabled: d.telegramEnabled, chatId: d.telegramChatId.trim(), apiBaseUrl: d.telegramApiBaseUrl.trim() },
    quietHours: { enabled: d.quietEnabled, from: d.quietFrom, to: d.quietTo },
    keepWatchingWhenClosed: d.keepWatchingWhenClosed,
    startAtLogin: d.startAtLogin,
  }
}
