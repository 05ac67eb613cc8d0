/**
 * The watch engine with its scheduled checks, built the same way by the desktop app (wiring.ts) and `iproxy watch`:
 * the checks use the health service's check of one proxy (checkProxy to the echo URL) and keep their results in
 * the history's check history, and raise `check_failed` into the engine's next batch.
 */
import type { HealthHistory } from '../health/history'
import { createWatchEngine, type FullWatchEngine, type WatchEngineOptions } from './engine'
import { createScheduledChecks, proxyChecker } from './scheduled-checks'

export interface WatchSetupOptions extends Omit<WatchEngineOptions, 'checks'> {
  /** Where scheduled checks' results go: `checkHistoryInStore(store, log)`, as the Health screen's checks. */
  checkHistory: HealthHistory
  /** The echo URL checks go to: the demo simulator's while the demo is used, else the health settings' first. */
  echoUrl: () => Promise<string>
  /** The health settings' check timeout (ms). */
  checkTimeoutMs: () => Promise<number>
}

export function createWatchWithChecks(options: WatchSetupOptions): FullWatchEngine {
  const { checkHistory, echoUrl, checkTimeoutMs, ...engineOptions } = options
  const built: { engine?: FullWatchEngine } = {}
  const checks = createScheduledChecks({
    check: proxyChecker(echoUrl, checkTimeoutMs),
    history: checkHistory,
    // The engine is built just below; checks only raise once it ticks them.
    raise: (events) => built.engine?.raise(events),
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
  })
  built.engine = createWatchEngine({ ...engineOptions, checks })
  return built.engine
}
