/**
 * The `watch` domain of the IPC contract: the fleet watch's settings, alert channels (test, pause), its state for
 * the tray and the page, and the Activity screen's events. Handled in main/watch/calls.ts; the shapes are in
 * shared/watch.ts.
 */
import { z } from 'zod'
import {
  ALERT_CHANNELS,
  watchEventsQuerySchema,
  watchSettingsUpdateSchema,
  type AlertTestResult,
  type WatchEvent,
  type WatchSettingsView,
  type WatchStatus,
} from '../watch'
import { call, event, noInput } from './kit'

export const watchContract = {
  calls: {
    settings: call<WatchSettingsView>()(noInput),
    /** Checked whole before anything is stored; the engine picks the change up at its next cycle. */
    updateSettings: call<WatchSettingsView>()(watchSettingsUpdateSchema),
    /** Stores the Telegram bot token in the OS keychain (an empty token removes it). Never read back. */
    setTelegramToken: call<WatchSettingsView>()(z.strictObject({ token: z.string().max(256) })),
    /** Sends one test alert on the channel (each webhook URL gets one); what each target answered. */
    testAlert: call<AlertTestResult[]>()(z.strictObject({ channel: z.enum(ALERT_CHANNELS) })),
    /** Holds alerts for the minutes given (events are still recorded); 0 resumes them. */
    pauseAlerts: call<WatchStatus>()(z.strictObject({ minutes: z.number().int().min(0).max(7 * 24 * 60) })),
    status: call<WatchStatus>()(noInput),
    /** Stored events, newest first (the Activity screen). */
    events: call<{ events: WatchEvent[]; truncated: boolean }>()(watchEventsQuerySchema),
  },
  events: {
    /** Events as the engine raises them (already stored). */
    raised: event<WatchEvent[]>(),
    /** The fleet state after each cycle, and on pause/resume. */
    status: event<WatchStatus>(),
    /** A desktop notification (or the tray) was clicked: the page opens this connection, or the Activity screen. */
    openConnection: event<{ connectionId?: string }>(),
  },
} as const
