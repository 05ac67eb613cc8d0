/**
 * The seams of the fleet watch, so each part is built and tested on its own:
 *
 *   engine.ts      polls connections-status, turns what it sees into WatchEvents, stores them, hands them to an AlertSink
 *   alerts/        the AlertSink: desktop notices, webhooks, Telegram; quiet hours, pause, one summary per cycle
 *   settings.ts    WatchSettingsStore: watch-settings.json in the data folder, the bot token in the keychain
 *   calls.ts       the `watch` contract's calls, on these three
 *
 * The desktop app builds all of them in wiring.ts; `iproxy watch` builds the same ones with no window.
 */
import type { AlertChannel, AlertTestResult, WatchEvent, WatchSettings, WatchSettingsUpdate, WatchStatus } from '../../shared/watch'

/** Where events go once stored. `deliver` never blocks the engine: delivery (and its retries) run on their own. */
export interface AlertSink {
  /** One cycle's events: each channel sends one message for all of them (a summary past one event). */
  deliver(events: readonly WatchEvent[]): void
  /** Sends a test alert on one channel now and says what each target answered. */
  test(channel: AlertChannel): Promise<AlertTestResult[]>
  /** Holds alerts until the time (ms); undefined resumes. Held events are recorded, not sent later. */
  pauseUntil(until: number | undefined): void
  pausedUntil(): number | undefined
  /** Waits for deliveries in flight (bounded) and stops retry timers. */
  dispose(): Promise<void>
}

/** A desktop notification to show (the shell shows it with Electron's Notification; clicking opens the connection). */
export interface DesktopNotice {
  title: string
  body: string
  /** The connection a click opens; absent for fleet-wide notices. */
  connectionId?: string
}

export interface WatchSettingsStore {
  get(): Promise<WatchSettings>
  /** Validated whole (watchSettingsSchema) before it is written; throws an IproxyValidationError-like error naming the field. */
  update(patch: WatchSettingsUpdate): Promise<WatchSettings>
  /** The Telegram bot token from the OS keychain (or IPROXY_TELEGRAM_TOKEN for the command line). */
  telegramToken(): Promise<string | undefined>
  setTelegramToken(token: string): Promise<void>
}

export interface WatchEngine {
  /** Starts polling at the settings' interval (no-op when running). */
  start(): void
  /** Stops polling; a cycle in flight finishes, its events are stored. */
  stop(): Promise<void>
  /** Runs one cycle now (tests, "check all now"); resolves with the events it raised. */
  runCycle(): Promise<WatchEvent[]>
  status(): WatchStatus
  /** Tells the engine about a change of IP that kept the same exit IP (health's rotate-and-verify calls it). */
  reportIpNotChanged(connectionId: string, ip: string): void
  /** A change of IP landed on an exit IP the connection had before (history's recordRotation finds it): `ip_repeated`. */
  reportIpRepeated(connectionId: string, ip: string, returnedAfterMs: number): void
  /** Called after every cycle and on pause/resume with the new status. */
  onStatus(listener: (status: WatchStatus) => void): () => void
  /** Called with each cycle's stored events. */
  onEvents(listener: (events: WatchEvent[]) => void): () => void
}
