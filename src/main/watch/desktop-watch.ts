/**
 * The fleet watch as the desktop app runs it, around the engine, the alert sink and the settings store (types.ts):
 * its calls for the page, the status and raised events sent to the page and to the tray, watching started when the
 * settings say so and a profile is active, started again on another profile (another account's fleet: nothing of
 * the last one carries over), and stopped on dispose. The shell reads it through `Services.watch`.
 */
import type { UiLanguage } from '../../shared/bridge'
import type { WatchEvent, WatchEventsQuery, WatchSettings, WatchStatus } from '../../shared/watch'
import type { Emit } from '../desktop'
import type { Implementations } from '../handler-table'
import type { Logger } from '../log'
import { watchCalls, watchStatusOf } from './calls'
import type { AlertSink, WatchEngine, WatchSettingsStore } from './types'

export interface WatchParts {
  /** A fresh engine: one per watched profile. */
  createEngine(): WatchEngine
  sink: AlertSink
  settings: WatchSettingsStore
  events(query: WatchEventsQuery): Promise<{ events: WatchEvent[]; truncated: boolean }>
}

export interface DesktopWatchDeps {
  emit: Emit
  log: Logger
  /** The id of the active profile, or undefined when none is. */
  activeProfileId(): string | undefined
  language(): UiLanguage
}

/** What the shell (and the relays) listen to: a new status, raised events, saved settings, another interface language. */
export interface DesktopWatchListener {
  status?(status: WatchStatus): void
  raised?(events: readonly WatchEvent[]): void
  settings?(settings: WatchSettings): void
  language?(language: UiLanguage): void
}

export interface DesktopWatch {
  implementations: Pick<Implementations, Extract<keyof Implementations, `watch.${string}`>>
  /** The engine of the profile watched now (tests run a cycle with it rather than wait). */
  readonly engine: WatchEngine
  status(): WatchStatus
  settings(): Promise<WatchSettings>
  language(): UiLanguage
  /** "Pause alerts for 1 hour" and "Resume" from the tray (0 resumes). */
  pause(minutes: number): WatchStatus
  /** "Check all now" from the tray. */
  checkNow(): Promise<void>
  listen(listener: DesktopWatchListener): () => void
  /** Starts watching when the settings say so and a profile is active; stops otherwise. */
  start(): Promise<void>
  /** After any call that may change the active profile: watching starts over on the new one. */
  profileMayHaveChanged(): Promise<void>
  languageChanged(language: UiLanguage): void
  dispose(): Promise<void>
}

export function createDesktopWatch(deps: DesktopWatchDeps, parts: WatchParts): DesktopWatch {
  const { sink, log } = { ...parts, log: deps.log }
  const listeners = new Set<DesktopWatchListener>()
  let engine = parts.createEngine()
  let watchedProfile: string | undefined
  let running = false
  let disposed = false
  // Starts and stops one after another: a profile switch during a settings change never leaves two pollers.
  let queue: Promise<void> = Promise.resolve()
  const serial = (task: () => Promise<void>): Promise<void> => {
    const next = queue.then(task, task)
    queue = next.catch((err: unknown) => log('the fleet watch could not start or stop', err))
    return queue
  }

  const publishStatus = (status: WatchStatus): void => {
    deps.emit('watch.status', status)
    for (const l of listeners) l.status?.(status)
  }
  const follow = (watched: WatchEngine): Array<() => void> => [
    watched.onStatus(() => publishStatus(watchStatusOf(watched, sink))),
    watched.onEvents((events) => {
      if (events.length === 0) return
      deps.emit('watch.raised', events)
      for (const l of listeners) l.raised?.(events)
    }),
  ]
  let unsubscribe = follow(engine)

  /** Brings the engine to what the settings and the active profile ask for. */
  const settle = (): Promise<void> =>
    serial(async () => {
      if (disposed) return
      const profile = deps.activeProfileId()
      const wanted = (await parts.settings.get()).enabled && profile !== undefined
      if (running && (!wanted || profile !== watchedProfile)) {
        await engine.stop()
        running = false
        log(`fleet watch stopped${watchedProfile ? ` (profile ${watchedProfile})` : ''}`)
      }
      if (wanted && !running) {
        if (profile !== watchedProfile) {
          // Another account: a new engine, so no offline timer or plan alert of the last fleet carries over.
          for (const stop of unsubscribe) stop()
          engine = parts.createEngine()
          unsubscribe = follow(engine)
        }
        engine.start()
        running = true
        watchedProfile = profile
        log(`fleet watch started (profile ${profile})`)
      }
      publishStatus(watchStatusOf(engine, sink))
    })

  const implementations = watchCalls({
    // The calls always reach the engine watched now.
    get engine() {
      return engine
    },
    sink,
    settings: parts.settings,
    events: parts.events,
    publishStatus,
    log,
    onSettingsChanged: async (settings) => {
      for (const l of listeners) l.settings?.(settings)
      await settle()
    },
  })

  return {
    implementations,
    get engine() {
      return engine
    },
    status: () => watchStatusOf(engine, sink),
    settings: () => parts.settings.get(),
    language: deps.language,
    pause: (minutes) => implementations['watch.pauseAlerts']({ minutes }) as WatchStatus,
    async checkNow() {
      if (!running) return
      try {
        await engine.runCycle()
      } catch (err) {
        log('"check all now" failed', err)
      }
    },
    listen(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start: settle,
    profileMayHaveChanged: async () => {
      if (deps.activeProfileId() !== watchedProfile || !running) await settle()
    },
    languageChanged(language) {
      for (const l of listeners) l.language?.(language)
    },
    async dispose() {
      await serial(async () => {
        disposed = true
        for (const stop of unsubscribe) stop()
        if (running) await engine.stop()
        running = false
        await sink.dispose()
      })
      listeners.clear()
    },
  }
}

/**
 * Wraps the calls that can change the active profile (activate, add, remove, the demo...) so watching follows
 * the profile the user is on once the call has succeeded.
 */
export function followProfiles<T extends Partial<Implementations>>(calls: T, names: ReadonlyArray<keyof T>, after: () => Promise<void>): T {
  const wrapped = { ...calls }
  for (const name of names) {
    const call = calls[name] as unknown as (input: unknown) => unknown
    ;(wrapped as Record<keyof T, unknown>)[name] = async (input: unknown) => {
      const result = await call(input)
      await after()
      return result
    }
  }
  return wrapped
}

