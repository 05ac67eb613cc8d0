/**
 * One rule run: a fired rule's chain of steps on one connection, as runner.ts starts it.
 *
 * - `change_ip_verify`, `command`, `check` go through ConnectionActions (which never throws), one step at a time
 *   holding the phone's gate: the first step uses the hold taken when the rule fired (runner.ts's tryAcquire), the
 *   later ones wait for the gate (so the least gap after the last action on the phone is kept: a reboot right after
 *   a change of IP is lost otherwise).
 * - `wait` sleeps (the watch stopping ends it at once); `alert` raises a `rule_alert` into the watch with the rule's
 *   name and what was tried so far (shared/rules.ts formatTried), so it goes out through the alert channels.
 * - With `stopOnSuccess`, the first `change_ip_verify` or `check` that is ok ends the chain: the steps after it are
 *   `skipped` ("the connection works again"). Stopped by the watch, the step in flight and the rest are `cancelled`.
 *
 * Each step lands in the audit trail as it ends (kind `rule`, by `rule`, titled with the rule's name), and every
 * change is reported as a fresh RuleRun (the `rules.run` event, the command line's line).
 */
import { randomUUID } from 'node:crypto'
import type { AuditEntry } from '../../shared/audit'
import { formatTried, ruleStepName, type Rule, type RuleRun, type RuleStep, type RuleStepResult } from '../../shared/rules'
import type { WatchEvent } from '../../shared/watch'
import type { AuditWriter, ConnectionActions, ConnectionStep, PhoneGate, StepOutcome } from '../bulk/types'
import type { Logger } from '../log'
import type { Firing } from './triggers'
import type { RuleWords } from './words'

export interface ChainDeps {
  /** Told who acts and in which run: a change of IP inside a run is recorded as that run's step, by `rule`. */
  actions: ConnectionActions
  gate: PhoneGate
  audit: AuditWriter
  /** Into the watch's next batch (engine.raise). */
  raise(events: WatchEvent[]): void
  /** Each change of a run (a copy). */
  report(run: RuleRun): void
  log: Logger
  now(): number
  /** Abortable: rejects when the signal fires. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
  /** The reasons for steps no action answered for, in the interface's language. */
  words(): RuleWords
  /** Runs one action step within the runner's cap on API calls in flight. */
  limit<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T>
}

/** The step ConnectionActions runs, for the steps that are actions. */
function actionOf(step: RuleStep): ConnectionStep | undefined {
  switch (step.kind) {
    case 'change_ip_verify':
      return { kind: 'change_ip_verify' }
    case 'command':
      return { kind: 'command', command: step.command }
    case 'check':
      return { kind: 'check' }
    default:
      return undefined
  }
}

const proves = (step: RuleStep) => step.kind === 'change_ip_verify' || step.kind === 'check'

/** The audit entry's outcome: `done` when every step that ran was ok, `partial` when it ended well after a failure. */
function auditOutcome(run: RuleRun): AuditEntry['outcome'] {
  if (run.outcome === 'cancelled') return 'cancelled'
  if (run.outcome === 'failed') return 'failed'
  return run.steps.some((s) => s.outcome === 'failed') ? 'partial' : 'done'
}

function startRun(firing: Firing, deps: ChainDeps): RuleRun {
  const run: RuleRun = {
    id: randomUUID(),
    ruleId: firing.rule.id,
    ruleName: firing.rule.name,
    connectionId: firing.connectionId,
    ...(firing.connectionName ? { connectionName: firing.connectionName } : {}),
    trigger: { event: firing.trigger, at: firing.at },
    startedAt: deps.now(),
    outcome: 'running',
    steps: [],
  }
  guard(deps, 'start a rule run in the audit trail', () =>
    deps.audit.startRun({ id: run.id, kind: 'rule', by: 'rule', title: run.ruleName, ruleId: run.ruleId, startedAt: run.startedAt, detail: { trigger: run.trigger.event, triggerAt: run.trigger.at } }),
  )
  return run
}

function guard(deps: ChainDeps, what: string, fn: () => void): void {
  try {
    fn()
  } catch (err) {
    deps.log(`rules: could not ${what}`, err)
  }
}

function addStep(run: RuleRun, result: RuleStepResult, deps: ChainDeps): void {
  run.steps.push(result)
  guard(deps, 'record a rule step in the audit trail', () =>
    deps.audit.step(run.id, {
      connectionId: run.connectionId,
      ...(run.connectionName ? { connectionName: run.connectionName } : {}),
      step: ruleStepName(result.step),
      at: result.at,
      ...(result.endedAt !== undefined ? { endedAt: result.endedAt } : {}),
      outcome: result.outcome,
      ...(result.reason ? { error: result.reason } : {}),
      ...(result.detail ? { detail: result.detail } : {}),
    }),
  )
  deps.report(structuredClone(run))
}

function endRun(run: RuleRun, outcome: RuleRun['outcome'], deps: ChainDeps): RuleRun {
  run.outcome = outcome
  run.endedAt = deps.now()
  guard(deps, 'end a rule run in the audit trail', () => deps.audit.endRun(run.id, auditOutcome(run), run.endedAt!))
  deps.report(structuredClone(run))
  return run
}

/**
 * A firing the gate refused (another action holds the phone): recorded as a run whose every step was skipped, so
 * the audit trail says the rule fell due and why it did nothing.
 */
export function recordBusy(firing: Firing, deps: ChainDeps): RuleRun {
  const run = startRun(firing, deps)
  deps.report(structuredClone(run))
  const at = deps.now()
  for (const step of firing.rule.do) addStep(run, { step, outcome: 'skipped', at, endedAt: at, reason: deps.words().busy }, deps)
  return endRun(run, 'cancelled', deps)
}

/** Runs the chain; `held` is the gate's release taken when the rule fired. Resolves with the ended run; never throws. */
export async function runChain(firing: Firing, held: (() => void) | undefined, signal: AbortSignal, deps: ChainDeps): Promise<RuleRun> {
  const rule: Rule = firing.rule
  const run = startRun(firing, deps)
  deps.report(structuredClone(run))
  let hold = held
  let succeeded = false
  /** The last proving step's verdict (change IP and verify, check): what says whether the connection works. */
  let proven: boolean | undefined
  try {
    for (const step of rule.do) {
      const at = deps.now()
      if (signal.aborted) {
        addStep(run, { step, outcome: 'cancelled', at, endedAt: at, reason: deps.words().watchStopped }, deps)
        continue
      }
      if (succeeded) {
        addStep(run, { step, outcome: 'skipped', at, endedAt: at, reason: deps.words().worksAgain }, deps)
        continue
      }
      const result = await runStep(step, run, signal, () => {
        const h = hold
        hold = undefined
        return h
      }, deps)
      addStep(run, { step, at, endedAt: deps.now(), ...result }, deps)
      if (proves(step) && (result.outcome === 'ok' || result.outcome === 'failed')) proven = result.outcome === 'ok'
      if (proves(step) && result.outcome === 'ok' && rule.limits.stopOnSuccess) succeeded = true
    }
  } finally {
    hold?.()
  }
  const anyFailed = run.steps.some((s) => s.outcome === 'failed')
  const outcome: RuleRun['outcome'] = run.steps.some((s) => s.outcome === 'cancelled')
    ? 'cancelled'
    : succeeded || proven === true || (proven === undefined && !anyFailed)
      ? 'succeeded'
      : 'failed'
  return endRun(run, outcome, deps)
}

type StepResult = Pick<RuleStepResult, 'outcome' | 'reason' | 'detail'>

async function runStep(step: RuleStep, run: RuleRun, signal: AbortSignal, takeHold: () => (() => void) | undefined, deps: ChainDeps): Promise<StepResult> {
  if (step.kind === 'wait') {
    try {
      await deps.sleep(step.seconds * 1000, signal)
      return { outcome: 'ok' }
    } catch {
      return { outcome: 'cancelled', reason: deps.words().watchStopped }
    }
  }
  if (step.kind === 'alert') {
    const tried = formatTried(run.steps.filter((s) => s.step.kind !== 'alert' && s.step.kind !== 'wait'))
    deps.raise([
      {
        kind: 'rule_alert',
        at: deps.now(),
        connectionId: run.connectionId,
        ...(run.connectionName ? { connectionName: run.connectionName } : {}),
        data: { rule: run.ruleName, ruleId: run.ruleId, tried },
      },
    ])
    return { outcome: 'ok' }
  }
  const action = actionOf(step)!
  let release = takeHold()
  try {
    release ??= await deps.gate.acquire(run.connectionId, signal)
  } catch {
    return { outcome: 'cancelled', reason: deps.words().watchStopped }
  }
  let outcome: StepOutcome
  try {
    outcome = await deps.limit(() => deps.actions.run(action, run.connectionId, signal, { by: 'rule', runId: run.id }), signal)
  } catch (err) {
    // The cap's wait was aborted, or an action broke its promise not to throw: said as the step's outcome.
    if (signal.aborted) return { outcome: 'cancelled', reason: deps.words().watchStopped }
    deps.log(`rules: the ${ruleStepName(step)} step on ${run.connectionId} threw`, err)
    // Its message may hold anything (a URL, a server's answer): the log masks it, the audit trail gets words.
    outcome = { outcome: 'failed', reason: deps.words().stepBroke }
  } finally {
    release()
  }
  if (signal.aborted && outcome.outcome !== 'ok') return { outcome: 'cancelled', reason: deps.words().watchStopped, ...(outcome.detail ? { detail: outcome.detail } : {}) }
  return { outcome: outcome.outcome, ...(outcome.reason ? { reason: outcome.reason } : {}), ...(outcome.detail ? { detail: outcome.detail } : {}) }
}
