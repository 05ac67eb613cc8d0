/**
 * The watch engine with its scheduled checks and its rules, built the same way by the desktop app (watch-parts.ts)
 * and `iproxy watch`: the checks use the health service's check of one proxy (checkProxy to the echo URL) and keep
 * their results in the history's check history, and raise `check_failed` into the engine's next batch; the rules
 * (main/rules/runner.ts) hear every batch and a tick after each cycle, act through the connection actions, raise
 * their alerts into the engine, and are cancelled first when the engine stops.
 */
import type { FleetFacts } from '../../shared/fleet-filter'
import type { HealthHistory } from '../health/history'
import type { HistoryStore } from '../history/store'
import { createRulesRunner, type RulesRunner, type RulesRunnerOptions } from '../rules/runner'
import { createWatchEngine, type FullWatchEngine, type WatchEngineOptions } from './engine'
import { createScheduledChecks, proxyChecker } from './scheduled-checks'

/** What the rules need besides the engine: the rules, the actions, the gate and the audit trail (runner.ts). */
export type WatchRulesSetup = Omit<RulesRunnerOptions, 'raise' | 'log' | 'now'>

/** The engine, and its rules when it runs any. */
export interface WatchWithRules extends FullWatchEngine {
  readonly rules?: RulesRunner
}

/** Last checks change slowly and a scope asks often: the board is read again at most this often. */
const LAST_CHECKS_EVERY_MS = 30_000

/** A scope filter's `check=ok|failed`: each connection's last proxy check, from the history's board. */
export function lastChecksFrom(history: Pick<HistoryStore, 'board'>, now: () => number = Date.now): (id: string) => Partial<FleetFacts> | undefined {
  let read: { at: number; checks: Map<string, 'ok' | 'failed'> } | undefined
  return (id) => {
    if (!read || now() - read.at > LAST_CHECKS_EVERY_MS || now() < read.at) {
      const checks = new Map<string, 'ok' | 'failed'>()
      for (const row of history.board(now())) if (row.lastCheck) checks.set(row.connectionId, row.lastCheck.ok ? 'ok' : 'failed')
      read = { at: now(), checks }
    }
    const check = read.checks.get(id)
    return check ? { lastCheck: check } : undefined
  }
}

export interface WatchSetupOptions extends Omit<WatchEngineOptions, 'checks'> {
  /** Where scheduled checks' results go: `checkHistoryInStore(store, log)`, as the Health screen's checks. */
  checkHistory: HealthHistory
  /** The echo URL checks go to: the demo simulator's while the demo is used, else the health settings' first. */
  echoUrl: () => Promise<string>
  /** The health settings' check timeout (ms). */
  checkTimeoutMs: () => Promise<number>
  /** The self-healing rules, run in this watch; none without it. */
  rules?: WatchRulesSetup
}

export function createWatchWithChecks(options: WatchSetupOptions): WatchWithRules {
  const { checkHistory, echoUrl, checkTimeoutMs, rules: rulesSetup, ...engineOptions } = options
  const built: { engine?: FullWatchEngine } = {}
  const checks = createScheduledChecks({
    check: proxyChecker(echoUrl, checkTimeoutMs),
    history: checkHistory,
    // The engine is built just below; checks only raise once it ticks them.
    raise: (events) => built.engine?.raise(events),
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
  })
  const engine = createWatchEngine({ ...engineOptions, checks })
  built.engine = engine
  if (!rulesSetup) return engine
  const history = options.history
  const lastChecks = lastChecksFrom(history, options.now)
  const rules = createRulesRunner({
    facts: lastChecks,
    ...rulesSetup,
    raise: (events) => engine.raise(events),
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
  })
  rules.attach(engine)
  return {
    ...engine,
    rules,
    start() {
      rules.resume()
      engine.start()
    },
    // The chains first (their steps are cancelled and recorded, an alert they raised is in the engine's last batch).
    async stop() {
      await rules.stop()
      await engine.stop()
    },
  }
}
