/**
 * The `watch` domain: the calls of shared/contract/watch.ts, on the three parts of the fleet watch (types.ts): the
 * settings store (the file and the keychain), the alert sink (test alerts, pause) and the engine (its status).
 * Events come from the history database, where the engine wrote them.
 */
import type { Implementations } from '../handler-table'
import type { WatchEvent, WatchEventsQuery, WatchSettings, WatchSettingsView, WatchStatus } from '../../shared/watch'
import type { AlertSink, WatchEngine, WatchSettingsStore } from './types'

type WatchCallName = Extract<keyof Implementations, `watch.${string}`>

export interface WatchCallsDeps {
  engine: WatchEngine
  sink: AlertSink
  settings: WatchSettingsStore
  /** The stored events (the history database's watch events), newest first. */
  events(query: WatchEventsQuery): Promise<{ events: WatchEvent[]; truncated: boolean }>
  /** Tells the page (`watch.status`) and the tray about a new status. */
  publishStatus(status: WatchStatus): void
  /** After the settings were saved: the wiring starts or stops the engine, the shell applies the login item. */
  onSettingsChanged?(settings: WatchSettings): void | Promise<void>
  now?: () => number
  log?: (message: string, err?: unknown) => void
}

/** The status as the page and the tray see it: the engine's, with the sink's pause (the sink holds it). */
export function watchStatusOf(engine: WatchEngine, sink: AlertSink): WatchStatus {
  const { pausedUntil: _engines, ...status } = engine.status()
  const pausedUntil = sink.pausedUntil()
  return pausedUntil === undefined ? status : { ...status, pausedUntil }
}

export function watchCalls(deps: WatchCallsDeps): Pick<Implementations, WatchCallName> {
  const now = deps.now ?? Date.now
  /** Whether a bot token is stored. A keychain that cannot be read must not keep the page from the other settings: saving a token says why it failed. */
  const tokenSet = async (): Promise<boolean> => {
    try {
      return Boolean(await deps.settings.telegramToken())
    } catch (err) {
      deps.log?.('could not read the Telegram bot token from the keychain', err)
      return false
    }
  }
  const view = async (settings?: WatchSettings): Promise<WatchSettingsView> => ({
    settings: settings ?? (await deps.settings.get()),
    telegramTokenSet: await tokenSet(),
  })
  return {
    'watch.settings': () => view(),
    'watch.updateSettings': async (patch) => {
      const settings = await deps.settings.update(patch)
      await deps.onSettingsChanged?.(settings)
      return view(settings)
    },
    'watch.setTelegramToken': async ({ token }) => {
      await deps.settings.setTelegramToken(token.trim())
      return view()
    },
    'watch.testAlert': ({ channel }) => deps.sink.test(channel),
    'watch.pauseAlerts': ({ minutes }) => {
      deps.sink.pauseUntil(minutes === 0 ? undefined : now() + minutes * 60_000)
      const status = watchStatusOf(deps.engine, deps.sink)
      // The tray and every open screen show the pause at once, not at the next cycle.
      deps.publishStatus(status)
      return status
    },
    'watch.status': () => watchStatusOf(deps.engine, deps.sink),
    'watch.events': (query) => deps.events(query),
  }
}
