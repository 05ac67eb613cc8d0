/**
 * Reads a zod schema's definition (zod 4's `_zod.def`) and lists where it would let loose input through: an
 * object that accepts (or silently drops) unknown keys, a string or a list with no maximum length. The security
 * gate runs it over every call of the IPC contract, so a new call with a loose body fails the gate, not a review.
 */
import type { z } from 'zod'

interface Def {
  type: string
  [key: string]: unknown
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def): string[] =>
  ((def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? []).map((check) => check._zod.def.check)
const bounded = (def: Def) => checksOf(def).some((check) => check === 'max_length' || check === 'length_equals')

/** Every place in `schema` that lets loose input through, each as `<path>: <what>`. */
export function looseInputs(schema: z.ZodType, path = '(input)'): string[] {
  const def = defOf(schema)
  const at = (child: unknown, step: string) => looseInputs(child as z.ZodType, `${path}${step}`)
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type
      const own = catchall === 'never' ? [] : [`${path}: an object that ${catchall ? 'accepts' : 'drops'} unknown keys (use z.strictObject)`]
      return [...own, ...Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) => at(child, `.${key}`))]
    }
    case 'string':
      return bounded(def) ? [] : [`${path}: a string with no maximum length`]
    case 'array':
      return [...(bounded(def) ? [] : [`${path}: a list with no maximum length`]), ...at(def.element, '[]')]
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return at(def.innerType, '')
    case 'pipe':
      return at(def.in, '')
    case 'union':
      return (def.options as unknown[]).flatMap((option, i) => at(option, `<${i}>`))
    case 'intersection':
      return [...at(def.left, ''), ...at(def.right, '')]
    case 'record':
    case 'map':
    case 'set':
    case 'tuple':
    case 'lazy':
    case 'any':
    case 'unknown':
    case 'custom':
      return [`${path}: a ${def.type} schema the gate cannot see the bounds of`]
    default:
      // Literals, enums, numbers, booleans, undefined, dates: bounded by what they are.
      return []
  }
}
