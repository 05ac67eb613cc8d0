/**
 * The live rules: the fleet watch's events and a tick after each of its cycles go through triggers.ts (the same
 * pure code as the dry run), and each rule that fires and passes its limits runs its chain (chain.ts) on the
 * connection. Built with the watch by engine-setup.ts, so rules run wherever the watch runs: the app's tray and
 * `iproxy watch`.
 *
 * - Only enabled rules run; they are read again (`rules()`: the store's last good rules) before each batch of
 *   events and each tick, so a saved or hand-edited rules.json takes effect with the next events.
 * - "Never while another action runs on it": a connection with a chain of any rule in flight, or whose gate
 *   another action holds (a bulk run, a click: PhoneGate.busy), is not touched; the firing is recorded as skipped
 *   (chain.ts). A phone merely within the gap after its last action is not busy: the first step waits the gap out.
 * - Action steps of all chains together are capped like a bulk run (DEFAULT_BULK_CONCURRENCY API calls in flight),
 *   so 200 phones dropping at once do not become 200 requests at once.
 * - stop() (the watch stopping) cancels every chain in flight: no new step starts, the one running is aborted,
 *   the rest are recorded `cancelled`, and it resolves once each run is ended in the audit trail.
 */
import type { UiLanguage } from '../../shared/bridge'
import type { FleetFacts } from '../../shared/fleet-filter'
import { DEFAULT_BULK_CONCURRENCY } from '../../shared/bulk'
import type { Rule, RuleRun } from '../../shared/rules'
import type { WatchEvent } from '../../shared/watch'
import type { AuditWriter, ConnectionActions, PhoneGate } from '../bulk/types'
import { sleep as abortableSleep } from '../iproxy/retry'
import type { Logger } from '../log'
import type { WatchCycle } from '../watch/engine'
import { recordBusy, runChain, type ChainDeps } from './chain'
import { createRuleTriggers, type Firing } from './triggers'
import { RULE_WORDS } from './words'

export interface RulesRunnerOptions {
  /** Every rule (the disabled ones are left out here): the store's last good rules, or `--rules FILE`'s. */
  rules: () => Promise<readonly Rule[]>
  /** ConnectionActions (bulk/connection-actions.ts): what each action step does. */
  actions: ConnectionActions
  gate: PhoneGate
  audit: AuditWriter
  /** Into the watch's next batch: a chain's `alert` step (engine.raise). */
  raise: (events: WatchEvent[]) => void
  /** Each run as it starts, moves a step and ends (the `rules.run` event; `iproxy watch` prints the ends). */
  onRun?: (run: RuleRun) => void
  log: Logger
  /** The watch's clock (ms): when rules fall due, the hourly limit, the steps' times. */
  now?: () => number
  /** How a `wait` step waits (abortable); real time unless a test says otherwise. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Action steps in flight across every chain: the bulk runs' setting, read as each step starts. */
  concurrency?: () => number
  /** The language of the reasons the rules give themselves (English unless told). */
  language?: () => UiLanguage
  /** What else a scope's filter may ask of a connection (the history's last check); the watch's cycle gives the rest. */
  facts?: (connectionId: string) => Partial<FleetFacts> | undefined
}

export interface RulesRunner {
  /** One stored batch of the watch's events. */
  events(events: readonly WatchEvent[]): void
  /** After a watch cycle: what it saw of each phone (for scopes), the rules read again, `offline` rules ticked. */
  cycle(cycle: WatchCycle): Promise<void>
  /** Follows a watch engine's events and cycles; returns the unsubscribe. */
  attach(engine: { onEvents(listener: (events: WatchEvent[]) => void): () => void; onCycle(listener: (cycle: WatchCycle) => void): () => void }): () => void
  /** The runs in flight (copies). */
  running(): RuleRun[]
  /** Resolves once everything handed in so far is judged and no chain is in flight. */
  settled(): Promise<void>
  /** Cancels the chains in flight and takes nothing more until resume(); resolves when every run has ended. */
  stop(): Promise<void>
  /** Takes events again after stop() (the watch started again): what was learnt of outages and runs is kept. */
  resume(): void
}

/** At most `cap()` tasks at once; a waiting task leaves the queue when its signal fires. */
function createLimiter(cap: () => number) {
  let active = 0
  const waiting: Array<() => void> = []
  const next = () => {
    active--
    waiting.shift()?.()
  }
  return async <T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> => {
    if (active >= cap()) {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        }
        const onAbort = () => {
          const at = waiting.indexOf(go)
          if (at >= 0) waiting.splice(at, 1)
          reject(signal.reason)
        }
        waiting.push(go)
        signal.addEventListener('abort', onAbort, { once: true })
      })
    }
    active++
    try {
      return await task()
    } finally {
      next()
    }
  }
}

export function createRulesRunner(options: RulesRunnerOptions): RulesRunner {
  const now = options.now ?? Date.now
  const log = options.log
  /** What the last cycle saw of each phone: its name, status, country and city. */
  let phones = new Map<string, Partial<FleetFacts>>()
  const triggers = createRuleTriggers({
    facts: (id) => {
      const seen = phones.get(id)
      const extra = options.facts?.(id)
      return seen || extra ? { ...seen, ...extra } : undefined
    },
  })
  let controller = new AbortController()
  const inFlight = new Map<string, { run: () => RuleRun | undefined; done: Promise<void> }>()
  let stopped = false

  const deps: ChainDeps = {
    actions: options.actions,
    gate: options.gate,
    audit: options.audit,
    raise: options.raise,
    report: (run) => {
      try {
        options.onRun?.(run)
      } catch (err) {
        log('rules: a run listener failed', err)
      }
    },
    log,
    now,
    sleep: options.sleep ?? abortableSleep,
    words: () => RULE_WORDS[options.language?.() ?? 'en'],
    limit: createLimiter(options.concurrency ?? (() => DEFAULT_BULK_CONCURRENCY)),
  }

  async function loadRules(): Promise<void> {
    try {
      triggers.setRules((await options.rules()).filter((r) => r.enabled))
    } catch (err) {
      log('rules: could not read the rules; the last ones stay in use', err)
    }
  }

  // Events and cycles are judged one after another, each after the rules are read the first time.
  let queue: Promise<void> = loadRules()
  const serial = (task: () => void | Promise<void>): Promise<void> => {
    const next = queue.then(task).catch((err: unknown) => log('rules: judging the watch events failed', err))
    queue = next
    return next
  }

  function start(firing: Firing, held: (() => void) | undefined): void {
    let latest: RuleRun | undefined
    const chainDeps: ChainDeps = {
      ...deps,
      report: (run) => {
        latest = run
        deps.report(run)
      },
    }
    const done = runChain(firing, held, controller.signal, chainDeps)
      .then((run) => log(`rule "${run.ruleName}" on ${run.connectionName ?? run.connectionId}: ${run.outcome}`))
      .catch((err: unknown) => log(`rule "${firing.rule.name}" on ${firing.connectionId} failed to run`, err))
      .finally(() => inFlight.delete(firing.connectionId))
    inFlight.set(firing.connectionId, { run: () => latest, done })
  }

  function fire(firings: readonly Firing[]): void {
    for (const firing of firings) {
      if (stopped) return
      const id = firing.connectionId
      let held: (() => void) | undefined
      const verdict = triggers.admit(firing, now(), () => {
        if (inFlight.has(id) || options.gate.busy(id)) return false
        // Free but within the gap after its last action: the chain's first step waits the gap out (chain.ts).
        held = options.gate.tryAcquire(id)
        return true
      })
      if (verdict === 'limited') {
        log(`rule "${firing.rule.name}" on ${firing.connectionName ?? id}: held back, it ran ${firing.rule.limits.maxRunsPerHour} time(s) within the hour`)
        continue
      }
      if (verdict === 'busy') {
        recordBusy(firing, deps)
        continue
      }
      start(firing, held)
    }
  }

  const runner: RulesRunner = {
    events(events) {
      if (stopped || events.length === 0) return
      void serial(async () => {
        // Read again first (a stat when unchanged): a rule saved a moment ago judges the next events.
        await loadRules()
        if (!stopped) fire(triggers.observe(events))
      })
    },
    cycle(cycle) {
      if (stopped) return Promise.resolve()
      return serial(async () => {
        const next = new Map<string, Partial<FleetFacts>>()
        for (const p of cycle.phones) {
          next.set(p.connectionId, {
            status: p.status,
            ...(p.name !== undefined ? { name: p.name } : {}),
            ...(p.country !== undefined ? { country: p.country } : {}),
            ...(p.city !== undefined ? { city: p.city } : {}),
          })
        }
        phones = next
        await loadRules()
        if (!stopped) fire(triggers.tick(cycle.at))
      })
    },
    attach(engine) {
      const offEvents = engine.onEvents((events) => runner.events(events))
      const offCycle = engine.onCycle((cycle) => void runner.cycle(cycle))
      return () => {
        offEvents()
        offCycle()
      }
    },
    running: () => [...inFlight.values()].map((c) => c.run()).filter((r): r is RuleRun => r !== undefined),
    async settled() {
      for (;;) {
        await queue
        const pending = [...inFlight.values()].map((c) => c.done)
        if (pending.length === 0) return
        await Promise.all(pending)
      }
    },
    async stop() {
      stopped = true
      controller.abort(new Error(CANCELLED))
      await queue
      await Promise.all([...inFlight.values()].map((c) => c.done))
    },
    resume() {
      if (!stopped) return
      stopped = false
      controller = new AbortController()
    },
  }
  return runner
}

const CANCELLED = 'the watch stopped'
