// The i18next instance i18n/index.ts sets up (imported from the package, like error-message.ts, so forms' helpers
// need no `t` passed in).
import i18next from 'i18next'
import type { IssueFacts } from '../../../shared/issue-facts'

/**
 * A validation issue in the interface language. The shared schemas are main's too and word their issues in
 * English; the renderer words them by zod code and limits instead (catalogue `errors.fieldIssues`), and an
 * app-defined issue by its `params.id`. An issue this file has no wording for keeps its English message, so
 * nothing is hidden.
 */
export function issueText(issue: IssueFacts): string {
  const found = wording(issue)
  if (!found) return issue.message
  const key = `errors.fieldIssues.${found[0]}`
  // Plural keys exist only as _one/_other (…): i18next resolves them with `count`.
  const values = found[1] ?? {}
  if (!i18next.exists(key, values)) return issue.message
  return i18next.t(key as 'errors.fieldIssues.required', values)
}

type Wording = [key: string, values?: Record<string, number | string>]

function wording(issue: IssueFacts): Wording | undefined {
  const { minimum, maximum } = issue
  switch (issue.code) {
    case 'too_small':
      if (minimum === undefined) return ['outOfRange']
      if (issue.origin === 'string') return minimum <= 1 ? ['required'] : ['tooShort', { count: minimum }]
      if (issue.origin === 'array' || issue.origin === 'set') return ['tooFew', { count: minimum }]
      if (issue.origin === 'number' || issue.origin === 'bigint') return [issue.inclusive === false ? 'moreThan' : 'atLeast', { minimum }]
      return ['outOfRange']
    case 'too_big':
      if (maximum === undefined) return ['outOfRange']
      if (issue.origin === 'string') return ['tooLong', { count: maximum }]
      if (issue.origin === 'array' || issue.origin === 'set') return ['tooMany', { count: maximum }]
      if (issue.origin === 'number' || issue.origin === 'bigint') return [issue.inclusive === false ? 'lessThan' : 'atMost', { maximum }]
      return ['outOfRange']
    case 'invalid_format':
      return [issue.format === 'url' ? 'url' : issue.format === 'email' ? 'email' : 'format']
    case 'invalid_type':
      return [issue.expected === 'int' ? 'integer' : issue.expected === 'number' ? 'number' : 'type']
    case 'not_multiple_of':
      return issue.divisor === undefined ? ['type'] : ['multipleOf', { divisor: issue.divisor }]
    case 'invalid_value':
    case 'invalid_union':
      return ['oneOf']
    case 'custom':
      return issue.id ? [`custom.${issue.id}`, issue.name === undefined ? undefined : { name: issue.name }] : undefined
    default:
      return undefined
  }
}
