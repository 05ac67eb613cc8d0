import type { z } from 'zod'

/**
 * What the renderer needs to word a zod issue in the interface language (renderer/ui/issue-text.ts): its code,
 * its limits and the stable id of an app-defined (custom) issue. Main sends these over the bridge with each
 * issue (main/bridge-errors.ts describeIssues); `message` stays main's English, for the log, the CLI and any
 * issue the renderer has no wording for. Only codes, numbers and short names: never the value that failed.
 */
export interface IssueFacts {
  code: string
  message: string
  /** What was measured by too_small/too_big: 'string', 'number', 'array', 'date', ... */
  origin?: string
  minimum?: number
  maximum?: number
  inclusive?: boolean
  /** invalid_format's format ('url', 'email', 'regex', ...); invalid_type's expected type ('int', 'number', ...). */
  format?: string
  expected?: string
  divisor?: number
  /** A custom issue's `params.id` (shared schemas give each of theirs one). */
  id?: string
  /** A custom issue's `params.name`: what the wording names (an export template's unknown placeholder). */
  name?: string
}

const short = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 40 ? v : undefined)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : undefined

export function issueFacts(issue: z.core.$ZodIssue): IssueFacts {
  const raw = issue as unknown as Record<string, unknown>
  const params = raw.params as Record<string, unknown> | undefined
  const facts: IssueFacts = {
    code: issue.code,
    message: issue.message,
    origin: short(raw.origin),
    minimum: num(raw.minimum),
    maximum: num(raw.maximum),
    inclusive: typeof raw.inclusive === 'boolean' ? raw.inclusive : undefined,
    format: short(raw.format),
    expected: short(raw.expected),
    divisor: num(raw.divisor),
    id: short(params?.id),
    name: short(params?.name),
  }
  // Drop the facts this code does not have, so the bridge carries only what is there.
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as unknown as IssueFacts
}
