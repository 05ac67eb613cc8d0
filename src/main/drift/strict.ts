/**
 * The strict twin of a response schema: what the docs say, without the leniency the app parses with.
 *
 * The schemas in shared/iproxy are lenient on purpose (common.ts): unknown fields pass, lists may be `null`, a
 * number may stand in for a decimal string, an enum takes any text. The drift report needs the opposite: every
 * object closed, every documented enum closed, and no coercion. Rather than a second copy of every schema (two
 * places to keep true), this walks the lenient one and tightens each part:
 *   - an object becomes a strict object (an undocumented field is an issue);
 *   - a transform is a leniency: a pipe keeps only its input side, and a union drops its coercing options
 *     (`balance: string | number→string` becomes `string`);
 *   - a `listOf` (nullish array → []) becomes a plain array: `null` for a list is not what the docs show;
 *   - an `openEnum` becomes a closed enum of its documented values (common.ts's `documentedValues`).
 * Optional fields stay optional: the docs show those absent somewhere.
 */
import { z } from 'zod'
import { documentedValues } from '../../shared/iproxy'

type Any = z.ZodType

function isCoercion(schema: Any): boolean {
  return schema instanceof z.ZodPipe && schema.out instanceof z.ZodTransform
}

/** The array inside `listOf`'s `array().nullish()`, or undefined when `schema` is something else. */
function listInside(schema: Any): Any | undefined {
  let inner: Any = schema
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as Any
  return inner instanceof z.ZodArray && inner !== schema ? inner : undefined
}

export function strictOf(schema: Any): Any {
  const values = documentedValues.get(schema)
  if (values && values.length > 0) return z.enum(values as [string, ...string[]])
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, Any> = {}
    for (const [key, field] of Object.entries(schema.shape as Record<string, Any>)) shape[key] = strictOf(field)
    return z.strictObject(shape)
  }
  if (schema instanceof z.ZodPipe) {
    if (!(schema.out instanceof z.ZodTransform)) return z.pipe(strictOf(schema.in as Any), strictOf(schema.out as Any))
    const list = listInside(schema.in as Any)
    return strictOf(list ?? (schema.in as Any))
  }
  if (schema instanceof z.ZodOptional) return strictOf(schema.unwrap() as Any).optional()
  if (schema instanceof z.ZodNullable) return strictOf(schema.unwrap() as Any).nullable()
  if (schema instanceof z.ZodArray) return z.array(strictOf(schema.element as Any))
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType as z.ZodString, strictOf(schema.valueType as Any))
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as Any[]).filter((o) => !isCoercion(o)).map(strictOf)
    const [first, ...rest] = options
    if (!first) return schema
    return rest.length === 0 ? first : z.union([first, ...rest])
  }
  // Strings (with their refinements), numbers, booleans, unknown: already what the docs say.
  return schema
}
