/**
 * A rules file checked whole: rulesFileSchema (shared/rules.ts), then each scope's fleet filter parsed, with every
 * problem named by its field the way a person reads a JSON file: `rules[0].when.minutes: must be at least 1`.
 * The app's rules.json (store.ts), `iproxy watch --rules FILE` and the page's "save" all go through here.
 */
import type { z } from 'zod'
import { parseFleetFilter } from '../../shared/fleet-filter'
import { rulesFileSchema, type RulesFile } from '../../shared/rules'
import { AppError } from '../app-error'
import type { ValidationIssue } from '../bridge-errors'
import { issueFacts } from '../../shared/issue-facts'

/** A path as JSON is read: `rules[0].when.minutes`; the whole file when empty. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(the file)'
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '')
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : ''
}

/** zod's own messages ("Too small: expected number to be >=1") in plain words; the schema's own messages as they are. */
export function issueWords(issue: z.core.$ZodIssue): string {
  const raw = issue as unknown as Record<string, unknown>
  const own = !/^(Too small|Too big|Invalid|Unrecognized)/.test(issue.message)
  if (own) return issue.message
  switch (issue.code) {
    case 'too_small':
      if (raw.origin === 'array') return `needs at least ${String(raw.minimum)} ${raw.minimum === 1 ? 'entry' : 'entries'}`
      if (raw.origin === 'string') return raw.minimum === 1 ? 'must not be empty' : `must be at least ${String(raw.minimum)} characters`
      return raw.inclusive === false ? `must be more than ${String(raw.minimum)}` : `must be at least ${String(raw.minimum)}`
    case 'too_big':
      if (raw.origin === 'array') return `may have at most ${String(raw.maximum)} entries`
      if (raw.origin === 'string') return `must be at most ${String(raw.maximum)} characters`
      return raw.inclusive === false ? `must be less than ${String(raw.maximum)}` : `must be at most ${String(raw.maximum)}`
    case 'invalid_type': {
      const expected = raw.expected === 'int' ? 'a whole number' : raw.expected === 'object' ? 'an object ({...})' : raw.expected === 'array' ? 'a list ([...])' : `a ${String(raw.expected)}`
      return / received undefined$/.test(issue.message) ? `is missing (it must be ${expected})` : `must be ${expected}`
    }
    case 'invalid_union':
      return Array.isArray(raw.options) ? `must be one of ${list(raw.options)}` : 'is not valid'
    case 'invalid_value':
      return `must be one of ${list(raw.values)}`
    case 'unrecognized_keys':
      return `is not a field here (unknown: ${list(raw.keys)})`
    default:
      return issue.message
  }
}

/**
 * A rules file refused: `field` is the first bad field (`rules[0].when.minutes`), the message names every one. It
 * reaches the page as the bridge's validation error (code `validation`, `details.issues`), so the form can point
 * at the field; the command line prints the message and exits 2.
 */
export class RulesFileError extends AppError {
  readonly field: string
  readonly issues: ValidationIssue[]

  constructor(source: string, issues: ValidationIssue[]) {
    const first = issues[0]
    super('validation', `${source}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { field: first?.field, issues })
    this.name = 'RulesFileError'
    this.field = first?.field ?? '(the file)'
    this.issues = issues
  }
}

/** The rules in `value`, or a RulesFileError naming each bad field; `source` starts the message (a file's path). */
export function parseRulesFile(value: unknown, source: string): RulesFile {
  const parsed = rulesFileSchema.safeParse(value)
  if (!parsed.success) {
    throw new RulesFileError(
      source,
      parsed.error.issues.map((issue) => {
        // An unknown key is named as its own field: `rules[0].extra`, not the object holding it.
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
        const path = keys.length === 1 ? [...issue.path, keys[0]!] : issue.path
        return { ...issueFacts(issue), field: fieldPath(path), message: keys.length === 1 ? 'is not a field here' : issueWords(issue) }
      }),
    )
  }
  // A filter is text in the schema: its terms are checked here, so a typo never selects the whole fleet or none.
  const issues: ValidationIssue[] = []
  parsed.data.rules.forEach((rule, i) => {
    if (rule.scope?.filter === undefined) return
    const filter = parseFleetFilter(rule.scope.filter)
    if (!filter.ok) issues.push({ code: 'custom', id: 'fleet_filter', field: fieldPath(['rules', i, 'scope', 'filter']), message: filter.error })
  })
  if (issues.length > 0) throw new RulesFileError(source, issues)
  return parsed.data
}

/** `text` as a rules file: JSON first (a syntax error is said as such), then parseRulesFile. */
export function parseRulesText(text: string, source: string): RulesFile {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new RulesFileError(source, [{ code: 'custom', id: 'json', field: '(the file)', message: `is not JSON (${err instanceof Error ? err.message : String(err)})` }])
  }
  return parseRulesFile(value, source)
}
