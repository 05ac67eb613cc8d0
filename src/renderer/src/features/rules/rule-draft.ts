/**
 * The rule editor's model: a rule as the form holds it (numbers as typed text, steps with keys for React), turned
 * back into a rule and checked with the shared `ruleSchema` (the one main checks rules.json with), each problem on
 * the field it is about: `name`, `when.minutes`, `do.2.seconds`, `limits.maxRunsPerHour`, `scope.filter` ...
 * Pure, so the conversion and the field names are tested without a page.
 */
import { EXAMPLE_RULE, RULE_TRIGGERS, ruleSchema, type Rule, type RuleStep, type RuleStepKind, type RuleTrigger } from '../../../../shared/rules'
import { parseFleetFilter } from '../../../../shared/fleet-filter'
import { issueFacts, type IssueFacts } from '../../../../shared/issue-facts'
import { COMMAND_ACTIONS, type CommandAction } from '../../../../shared/iproxy'

export type StepCommand = Exclude<CommandAction, 'toggle_proxy'>
export const STEP_COMMANDS = COMMAND_ACTIONS.filter((c): c is StepCommand => c !== 'toggle_proxy')
export const STEP_KINDS: readonly RuleStepKind[] = ['change_ip_verify', 'command', 'wait', 'check', 'alert']
export const MAX_STEPS = 20

export interface StepDraft {
  /** Stable across moves, for React and for focus. */
  key: string
  kind: RuleStepKind
  command: StepCommand
  seconds: string
}

export type ScopeChoice = 'all' | 'ids' | 'filter'

export interface RuleDraft {
  id: string
  name: string
  enabled: boolean
  event: RuleTrigger
  /** Each trigger's number as typed; only the chosen event's is used. */
  minutes: string
  times: string
  withinHours: string
  steps: StepDraft[]
  maxRunsPerHour: string
  stopOnSuccess: boolean
  scope: ScopeChoice
  ids: string[]
  filter: string
}

/** The field a trigger's number is edited in. */
export const TRIGGER_FIELD = { offline: 'minutes', check_failed: 'times', ip_repeated: 'withinHours', ip_not_changed: undefined } as const satisfies Record<
  RuleTrigger,
  'minutes' | 'times' | 'withinHours' | undefined
>

let nextKey = 0
const stepKey = () => `step-${++nextKey}`

export function stepDraft(step: RuleStep = { kind: 'change_ip_verify' }): StepDraft {
  return {
    key: stepKey(),
    kind: step.kind,
    command: step.kind === 'command' ? step.command : 'reboot',
    seconds: step.kind === 'wait' ? String(step.seconds) : '60',
  }
}

export function draftOf(rule: Rule): RuleDraft {
  const when = rule.when
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    event: when.event,
    minutes: String(when.event === 'offline' ? when.minutes : 5),
    times: String(when.event === 'check_failed' ? when.times : 3),
    withinHours: String(when.event === 'ip_repeated' ? when.withinHours : 24),
    steps: rule.do.map(stepDraft),
    maxRunsPerHour: String(rule.limits.maxRunsPerHour),
    stopOnSuccess: rule.limits.stopOnSuccess,
    scope: rule.scope?.connectionIds !== undefined ? 'ids' : rule.scope?.filter !== undefined ? 'filter' : 'all',
    ids: rule.scope?.connectionIds ?? [],
    filter: rule.scope?.filter ?? '',
  }
}

/** An id no rule has yet, from `base` ("offline-repair", "offline-repair-2", ...). */
export function freeId(base: string, taken: readonly Rule[]): string {
  const ids = new Set(taken.map((r) => r.id))
  if (!ids.has(base)) return base
  let n = 2
  while (ids.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}

/** A new rule: the example (off), under an id and a name no other rule has. */
export function newRuleDraft(existing: readonly Rule[]): RuleDraft {
  const names = new Set(existing.map((r) => r.name))
  let name = EXAMPLE_RULE.name
  for (let n = 2; names.has(name); n++) name = `${EXAMPLE_RULE.name} (${n})`
  return draftOf({ ...EXAMPLE_RULE, id: freeId(EXAMPLE_RULE.id, existing), name })
}

/** Text as the number it stands for; empty or not a number stays NaN, so the schema names it. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()))

function stepOf(step: StepDraft): RuleStep {
  switch (step.kind) {
    case 'command':
      return { kind: 'command', command: step.command }
    case 'wait':
      return { kind: 'wait', seconds: numberOf(step.seconds) }
    default:
      return { kind: step.kind }
  }
}

/** The rule the draft stands for (not yet checked: numbers may be NaN). */
export function ruleOf(draft: RuleDraft): Rule {
  const when: Rule['when'] =
    draft.event === 'offline'
      ? { event: 'offline', minutes: numberOf(draft.minutes) }
      : draft.event === 'check_failed'
        ? { event: 'check_failed', times: numberOf(draft.times) }
        : draft.event === 'ip_repeated'
          ? { event: 'ip_repeated', withinHours: numberOf(draft.withinHours) }
          : { event: 'ip_not_changed' }
  const rule: Rule = {
    id: draft.id,
    name: draft.name,
    enabled: draft.enabled,
    when,
    do: draft.steps.map(stepOf),
    limits: { maxRunsPerHour: numberOf(draft.maxRunsPerHour), stopOnSuccess: draft.stopOnSuccess },
  }
  if (draft.scope === 'ids') rule.scope = { connectionIds: draft.ids }
  if (draft.scope === 'filter') rule.scope = { filter: draft.filter.trim() }
  return rule
}

/** A problem with one field: the schema's facts (worded by ui/issue-text.ts) or one of the editor's own rules. */
export type DraftProblem = { field: string; issue: IssueFacts } | { field: string; own: 'filterBad' | 'noIds' }

export type CheckedRule = { ok: true; rule: Rule } | { ok: false; problems: DraftProblem[] }

/** The draft checked: the shared schema first, then what only the editor knows (a filter that does not parse). */
export function checkRule(draft: RuleDraft): CheckedRule {
  const rule = ruleOf(draft)
  const problems: DraftProblem[] = []
  const parsed = ruleSchema.safeParse(rule)
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ field: issue.path.map(String).join('.'), issue: issueFacts(issue) })
  if (draft.scope === 'filter' && !parseFleetFilter(draft.filter).ok) problems.push({ field: 'scope.filter', own: 'filterBad' })
  if (draft.scope === 'ids' && draft.ids.length === 0) problems.push({ field: 'scope.connectionIds', own: 'noIds' })
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, rule: parsed.data }
}

/** The rules file with this rule in place of the one with its id (or added at the end). */
export function withRule(rules: readonly Rule[], rule: Rule, replacing: string | undefined): Rule[] {
  const at = rules.findIndex((r) => r.id === (replacing ?? rule.id))
  return at < 0 ? [...rules, rule] : rules.map((r, i) => (i === at ? rule : r))
}

/**
 * Main's refusal of the rules file (issues on `rules.<index>.<field>`) as this rule's fields: the issues about the
 * rule at `index` lose their prefix; the others (another rule, the file) are returned apart.
 */
export function fieldsOfRule(fields: Record<string, string>, index: number): { mine: Record<string, string>; other: string[] } {
  const prefix = `rules.${index}.`
  const mine: Record<string, string> = {}
  const other: string[] = []
  for (const [field, message] of Object.entries(fields)) {
    if (field.startsWith(prefix)) mine[field.slice(prefix.length)] ??= message
    else other.push(`${field}: ${message}`)
  }
  return { mine, other }
}

/** The fields the editor shows a problem on; a problem elsewhere (the rule's id) goes to the form's message. */
export const isFormField = (field: string): boolean =>
  /^(name|when\.(minutes|times|withinHours)|do|do\.\d+\.seconds|limits\.maxRunsPerHour|scope\.(filter|connectionIds))$/.test(field)

/** Problems by field: those the form shows on their field, and the rest as "field: message" for the form. */
export function placeProblems(fields: Record<string, string>): { onFields: Record<string, string>; elsewhere: string[] } {
  const onFields: Record<string, string> = {}
  const elsewhere: string[] = []
  for (const [field, message] of Object.entries(fields)) {
    if (isFormField(field)) onFields[field] = message
    else elsewhere.push(field ? `${field}: ${message}` : message)
  }
  return { onFields, elsewhere }
}

export const isTrigger = (value: string): value is RuleTrigger => (RULE_TRIGGERS as readonly string[]).includes(value)
