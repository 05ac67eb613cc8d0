/**
 * One answer against the docs: parsed with the strict twin of its schema (strict.ts) and with the app's own
 * lenient schema; each strict issue becomes a named difference, marked `breaks` when the app's own parse fails at that field too.
 *
 * A difference names the field, the types and the documented values, never a value the API sent: a field's value
 * may be a password, a key or an IP. The one exception, an enum value the docs do not list, is shown only when it
 * reads as a word (`sleeping`), and masked when it looks like an id.
 */
import type { z } from 'zod'
import type { DriftDifference, DriftKind } from '../../shared/drift'
import { maskIdentifier } from './mask'
import { strictOf } from './strict'

type Issue = z.core.$ZodIssue & { input?: unknown }

const strictCache = new WeakMap<z.ZodType, z.ZodType>()
function strictTwin(schema: z.ZodType): z.ZodType {
  let strict = strictCache.get(schema)
  if (!strict) {
    strict = strictOf(schema)
    strictCache.set(schema, strict)
  }
  return strict
}

/** A key that looks like an id (a map keyed by connection id, say) is masked in a path. */
function pathKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(key) && !/\d{4,}/.test(key) ? key : maskIdentifier(key)
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += '[]'
    else out += out === '' ? pathKey(String(part)) : `.${pathKey(String(part))}`
  }
  return out
}

export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function enumValueShown(value: unknown): string {
  if (typeof value !== 'string') return typeName(value)
  return /^[a-z][a-z_-]{0,31}$/i.test(value) ? value : maskIdentifier(value)
}

function differencesOfIssue(endpoint: string, issue: Issue): Omit<DriftDifference, 'count' | 'breaks'>[] {
  const base = jsonPath(issue.path)
  const one = (kind: DriftKind, path: string, expected?: string, received?: string) => ({
    endpoint, kind, path, ...(expected === undefined ? {} : { expected }), ...(received === undefined ? {} : { received }),
  })
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => one('undocumented-field', jsonPath([...issue.path, key])))
    case 'invalid_type':
      return issue.input === undefined
        ? [one('missing-field', base, issue.expected)]
        : [one('type', base, issue.expected, typeName(issue.input))]
    case 'invalid_value':
      return [one('enum-value', base, issue.values.map(String).join(' | '), enumValueShown(issue.input))]
    case 'invalid_union':
      return [one('type', base, 'one of the documented shapes', typeName(issue.input))]
    default:
      return [one('value', base, issue.message)]
  }
}

/** Every difference of one 2xx answer from the docs, one entry per endpoint, kind and path (counted). */
export function compareAnswer(endpoint: string, schema: z.ZodType, json: unknown): DriftDifference[] {
  const strict = strictTwin(schema).safeParse(json, { reportInput: true })
  if (strict.success) return []
  // A difference breaks the app's reading when its own lenient parse fails at that field (or inside it).
  const lenient = schema.safeParse(json)
  const failing = lenient.success ? [] : lenient.error.issues.map((i) => jsonPath(i.path))
  const breaksAt = (path: string) => failing.some((f) => f === path || f.startsWith(`${path}.`) || f.startsWith(`${path}[`) || path === '')
  const byKey = new Map<string, DriftDifference>()
  for (const issue of strict.error.issues as Issue[]) {
    for (const d of differencesOfIssue(endpoint, issue)) {
      const key = `${d.kind}|${d.path}|${d.expected ?? ''}|${d.received ?? ''}`
      const seen = byKey.get(key)
      if (seen) seen.count += 1
      else byKey.set(key, { ...d, count: 1, breaks: breaksAt(d.path) })
    }
  }
  return [...byKey.values()]
}
