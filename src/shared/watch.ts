/**
 * Fleet watch (main/watch): the events the watch engine raises, its settings, and what the page and the command
 * line read of it (the fleet's state for the tray and the Activity screen). The engine, the alert channels and
 * the screens all speak these shapes; the IPC calls are in contract/watch.ts.
 *
 * Times are milliseconds since the Unix epoch (UTC), as in shared/history.ts.
 */
import { z } from 'zod'

// ---------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------

export const WATCH_EVENT_KINDS = [
  /** Offline for at least the "offline after" time (a reboot shorter than it raises nothing). */
  'connection_offline',
  /** Back online, raised only after a `connection_offline`. */
  'connection_online',
  /** A scheduled check of one proxy failed N times in a row. */
  'check_failed',
  /** A change of IP (by hand or by rule) left the same exit IP. */
  'ip_not_changed',
  /** The plan ends within the set time; once per plan period. */
  'plan_expiring',
  /** The Console API is down or refuses the key: one event, no per-connection events while it lasts. */
  'api_unreachable',
  'api_recovered',
  /** The API answered 429; the engine waits for Retry-After. */
  'rate_limited',
  /** A change of IP landed on an exit IP this connection had before (`data.ip`, `data.returnedAfterMs`: since it last left). */
  'ip_repeated',
  /** A rule's `alert` step (main/rules): `data.rule` (its name), `data.tried` (the steps and their outcomes, in words). */
  'rule_alert',
] as const
export type WatchEventKind = (typeof WATCH_EVENT_KINDS)[number]

/**
 * One event. `data` holds the kind's facts, all optional and flat so a webhook and the history store them as
 * they are: `offlineSince` (ms), `failures` (count), `proxyKey`, `ip`, `planEndsAt` (ms), `retryAfterMs`,
 * `reason` (an error code such as `auth`, `unreachable`, `http_503`), `status` (the API's online_status),
 * `returnedAfterMs`, `rule`, `tried`.
 */
export interface WatchEvent {
  /** Set once the event is in the history database. */
  id?: number
  kind: WatchEventKind
  at: number
  connectionId?: string
  connectionName?: string
  data?: Record<string, string | number | boolean>
}

/** The fleet as the last cycle saw it: what the tray shows. `unknown` before the first answer. */
export const FLEET_STATES = ['unknown', 'all_online', 'some_offline', 'api_unreachable'] as const
export type FleetState = (typeof FLEET_STATES)[number]

export interface WatchStatus {
  /** False when nothing is watched (no profile, or watching is off). */
  running: boolean
  state: FleetState
  counts: { total: number; online: number; offline: number }
  /** When the last cycle ended (ms), absent before the first. */
  lastCycleAt?: number
  /** Alerts are held until then (ms), absent when not paused. */
  pausedUntil?: number
}

// ---------------------------------------------------------------------------------------------------------
// Settings (kept in the data folder as watch-settings.json; the Telegram bot token is in the OS keychain)
// ---------------------------------------------------------------------------------------------------------

export const MIN_INTERVAL_SECONDS = 10
const timeOfDay = z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 23:00')

export const watchSettingsSchema = z.strictObject({
  /** Watch the fleet at all (the tray and the alerts need it). */
  enabled: z.boolean(),
  /** Seconds between connections-status polls. */
  intervalSeconds: z.number().int().min(MIN_INTERVAL_SECONDS).max(3600),
  /** Offline for this long before `connection_offline` is raised. */
  offlineAfterSeconds: z.number().int().min(0).max(86_400),
  /** Failed scheduled checks in a row before `check_failed`. */
  checkFailuresInRow: z.number().int().min(1).max(100),
  /** Hours before a plan's end that `plan_expiring` is raised. */
  planExpiringHours: z.number().int().min(1).max(24 * 60),
  scheduledChecks: z.strictObject({
    enabled: z.boolean(),
    everyMinutes: z.number().int().min(1).max(24 * 60),
    /** Empty: every proxy of the account. */
    connectionIds: z.array(z.string().min(1).max(128)).max(10_000),
  }),
  desktopNotifications: z.boolean(),
  webhooks: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048)).max(20),
  telegram: z.strictObject({
    enabled: z.boolean(),
    chatId: z.string().max(64),
    /** The Bot API's base URL; settable so tests (and self-hosted Bot API servers) can point it elsewhere. */
    apiBaseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  }),
  quietHours: z.strictObject({ enabled: z.boolean(), from: timeOfDay, to: timeOfDay }),
  /** The desktop app: closing the window keeps watching in the tray. */
  keepWatchingWhenClosed: z.boolean(),
  /** The desktop app: start at login (hidden, in the tray). */
  startAtLogin: z.boolean(),
})
export type WatchSettings = z.infer<typeof watchSettingsSchema>

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  enabled: true,
  intervalSeconds: 30,
  offlineAfterSeconds: 120,
  checkFailuresInRow: 3,
  planExpiringHours: 48,
  scheduledChecks: { enabled: false, everyMinutes: 15, connectionIds: [] },
  desktopNotifications: true,
  webhooks: [],
  telegram: { enabled: false, chatId: '', apiBaseUrl: 'https://api.telegram.org' },
  quietHours: { enabled: false, from: '23:00', to: '08:00' },
  keepWatchingWhenClosed: true,
  startAtLogin: false,
}

/** A change to the settings: any top-level subset, each part whole. */
export const watchSettingsUpdateSchema = watchSettingsSchema.partial()
export type WatchSettingsUpdate = z.infer<typeof watchSettingsUpdateSchema>

/** The settings as the page sees them: never the token, only whether one is stored. */
export interface WatchSettingsView {
  settings: WatchSettings
  telegramTokenSet: boolean
}

export const ALERT_CHANNELS = ['desktop', 'webhook', 'telegram'] as const
export type AlertChannel = (typeof ALERT_CHANNELS)[number]

/** One channel's answer to "send a test alert": per webhook URL for webhooks. */
export interface AlertTestResult {
  channel: AlertChannel
  ok: boolean
  /** Where it went (a webhook's URL; `telegram`; `desktop`). Never a token. */
  target: string
  /** Why not, as a code (`not_configured`, `http_404`, `unreachable`, `timeout`, `telegram_error`) and words. */
  reason?: string
  detail?: string
}

// ---------------------------------------------------------------------------------------------------------
// The Activity screen's query
// ---------------------------------------------------------------------------------------------------------

export const watchEventsQuerySchema = z.strictObject({
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  kinds: z.array(z.enum(WATCH_EVENT_KINDS)).max(WATCH_EVENT_KINDS.length).optional(),
  connectionId: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
})
export type WatchEventsQuery = z.infer<typeof watchEventsQuerySchema>
