/**
 * Self-healing rules (main/rules): small readable policies the fleet watch runs. Each says
 *
 *   when   an event from the watch engine happens to a connection (offline for N minutes, a check failed N times,
 *          a change of IP that landed on a recent IP again, a change of IP that left the same IP),
 *   do     a chain of steps (change IP and verify, push a command, wait, check again, alert),
 *   limits at most N runs per connection per hour, never while another action runs on it, stop on success.
 *
 * Rules are off until the user turns one on. They are kept in the data folder's rules.json (the app's settings)
 * or read from `--rules FILE` by the command line, both validated by `rulesFileSchema` with the bad field named.
 */
import { z } from 'zod'
import { COMMAND_ACTIONS } from './iproxy'

export const RULE_TRIGGERS = ['offline', 'check_failed', 'ip_repeated', 'ip_not_changed'] as const
export type RuleTrigger = (typeof RULE_TRIGGERS)[number]

/**
 * - `offline`: the connection has been offline for `minutes` (counted from when the watch first saw it down; at
 *   least the watch's "offline after" time, since the watch raises nothing before it).
 * - `check_failed`: a scheduled check of its proxy failed `times` in a row (the watch's `check_failed`; `times`
 *   below the watch's setting fires at the watch's count).
 * - `ip_repeated`: a change of IP landed on an exit IP this connection had within the last `withinHours`.
 * - `ip_not_changed`: a change of IP left the same exit IP (the watch's `ip_not_changed`).
 */
export const ruleWhenSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('offline'), minutes: z.number().int().min(1).max(7 * 24 * 60) }),
  z.strictObject({ event: z.literal('check_failed'), times: z.number().int().min(1).max(100) }),
  z.strictObject({ event: z.literal('ip_repeated'), withinHours: z.number().int().min(1).max(24 * 45) }),
  z.strictObject({ event: z.literal('ip_not_changed') }),
])
export type RuleWhen = z.infer<typeof ruleWhenSchema>

/**
 * One step of a rule's chain. `change_ip_verify` and `check` succeed when the connection works again (a new IP
 * was seen through its proxy; the check passed); `command` succeeds when the API took it; `wait` and `alert`
 * always do. With `stopOnSuccess`, the chain ends at the first change of IP or check that succeeded.
 */
export const ruleStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('change_ip_verify') }),
  z.strictObject({ kind: z.literal('command'), command: z.enum(COMMAND_ACTIONS).exclude(['toggle_proxy']) }),
  z.strictObject({ kind: z.literal('wait'), seconds: z.number().int().min(1).max(3600) }),
  z.strictObject({ kind: z.literal('check') }),
  /** Sends the watch's alert channels a message about the connection (the rule's name and what was tried). */
  z.strictObject({ kind: z.literal('alert') }),
])
export type RuleStep = z.infer<typeof ruleStepSchema>
export type RuleStepKind = RuleStep['kind']

export const ruleSchema = z.strictObject({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
  name: z.string().trim().min(1, 'must not be empty').max(120),
  enabled: z.boolean(),
  when: ruleWhenSchema,
  do: z.array(ruleStepSchema).min(1, 'needs at least one step').max(20),
  limits: z.strictObject({
    /** Runs per connection in any hour (a rolling 60 minutes). */
    maxRunsPerHour: z.number().int().min(1).max(60),
    stopOnSuccess: z.boolean(),
  }),
  /** Which connections: every one when both are absent; else those listed or matching the filter (shared/fleet-filter.ts). */
  scope: z
    .strictObject({
      connectionIds: z.array(z.string().min(1).max(128)).max(10_000).optional(),
      filter: z.string().max(500).optional(),
    })
    .optional(),
})
export type Rule = z.infer<typeof ruleSchema>

export const rulesFileSchema = z.strictObject({
  rules: z.array(ruleSchema).max(100).refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: 'every rule needs its own id' }),
})
export type RulesFile = z.infer<typeof rulesFileSchema>

/** A rule a new user starts from (off): a phone offline for 5 minutes gets a change of IP, then a reboot. */
export const EXAMPLE_RULE: Rule = {
  id: 'offline-repair',
  name: 'Repair a phone offline for 5 minutes',
  enabled: false,
  when: { event: 'offline', minutes: 5 },
  do: [{ kind: 'change_ip_verify' }, { kind: 'command', command: 'reboot' }, { kind: 'wait', seconds: 120 }, { kind: 'check' }, { kind: 'alert' }],
  limits: { maxRunsPerHour: 1, stopOnSuccess: true },
}

// ---------------------------------------------------------------------------------------------------------
// What a rule did, or would have done
// ---------------------------------------------------------------------------------------------------------

export interface RuleStepResult {
  step: RuleStep
  /** `skipped`: not run (the chain ended on success, or another action held the phone); `cancelled`: the watch stopped first. */
  outcome: 'ok' | 'failed' | 'skipped' | 'cancelled'
  at: number
  endedAt?: number
  reason?: string
  detail?: Record<string, string | number | boolean>
}

/** One firing of a rule on one connection: its steps as they ran. */
export interface RuleRun {
  id: string
  ruleId: string
  ruleName: string
  connectionId: string
  connectionName?: string
  /** The watch event that fired it (its kind and time). */
  trigger: { event: RuleTrigger; at: number }
  startedAt: number
  endedAt?: number
  outcome: 'running' | 'succeeded' | 'failed' | 'cancelled'
  steps: RuleStepResult[]
}

/** A firing the dry run finds in the history, and why it would or would not have run. */
export interface DryRunHit {
  ruleId: string
  connectionId: string
  connectionName?: string
  at: number
  trigger: RuleTrigger
  /** `run` when the chain would have started; else the limit that held it back. */
  verdict: 'run' | 'limited'
  steps: RuleStep[]
}

export interface DryRunReport {
  from: number
  to: number
  hits: DryRunHit[]
}

// ---------------------------------------------------------------------------------------------------------
// A step's name, and what a chain tried, as a `rule_alert` carries it
// ---------------------------------------------------------------------------------------------------------

/** A step as the audit trail names it: a command by its own name (`reboot`), the others by their kind. */
export function ruleStepName(step: RuleStep): string {
  return step.kind === 'command' ? step.command : step.kind
}

/**
 * What a chain tried, as a `rule_alert`'s `data.tried` holds it: `change_ip_verify:failed, reboot:ok` (each step's
 * name, then its outcome). Flat text so a webhook and the history keep it as it is; each reader words it in its
 * own language with `parseTried` (main's alerts/messages.ts, the renderer's catalogues).
 */
export function formatTried(steps: ReadonlyArray<{ step: RuleStep; outcome: RuleStepResult['outcome'] }>): string {
  return steps.map((s) => `${ruleStepName(s.step)}:${s.outcome}`).join(', ')
}

export function parseTried(tried: string): Array<{ step: string; outcome?: string }> {
  return tried
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [step = '', outcome] = part.split(':').map((s) => s.trim())
      return outcome ? { step, outcome } : { step }
    })
}
