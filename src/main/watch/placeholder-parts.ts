// TEMPORARY (watch-desktop only, removed when watch-engine and watch-alerts are merged): stand-ins for the engine,
// the alert sink and the settings store so the desktop side can be built before they exist.
import { DEFAULT_WATCH_SETTINGS, watchSettingsSchema, type WatchSettings, type WatchStatus } from '../../shared/watch'
import type { WatchParts } from './desktop-watch'

export function placeholderParts(): WatchParts {
  let settings: WatchSettings = DEFAULT_WATCH_SETTINGS
  let token: string | undefined
  let paused: number | undefined
  const status: WatchStatus = { running: false, state: 'unknown', counts: { total: 0, online: 0, offline: 0 } }
  return {
    settings: {
      get: async () => settings,
      update: async (patch) => (settings = watchSettingsSchema.parse({ ...settings, ...patch })),
      telegramToken: async () => token,
      setTelegramToken: async (t) => {
        token = t || undefined
      },
    },
    sink: {
      deliver: () => {},
      test: async (channel) => [{ channel, ok: false, target: channel, reason: 'not_configured' }],
      pauseUntil: (until) => {
        paused = until
      },
      pausedUntil: () => paused,
      dispose: async () => {},
    },
    engine: {
      start: () => {
        status.running = true
      },
      stop: async () => {
        status.running = false
      },
      runCycle: async () => [],
      status: () => status,
      reportIpNotChanged: () => {},
      onStatus: () => () => {},
      onEvents: () => () => {},
    },
    events: async () => ({ events: [], truncated: false }),
  }
}
