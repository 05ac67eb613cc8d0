/**
 * A row template for the JSON reader (proxy-list-json.ts): the exact text of one object element with its values
 * cut out, as a sticky regular expression. The rows of one file are written alike, so after the reader has read
 * one row character by character, the next rows are read by one native regex match each; the template is only a
 * faster way to read what the reader would read the same way (bench:exports: 100,000 rows).
 *
 * A match is always valid JSON read the same way: the text between the values is the learned text itself, and
 * each value is a complete JSON string, number, true, false or null.
 */

/** The contents of a JSON string without escapes: no raw quote, backslash or control character. */
const PLAIN = '[^"\\\\\\u0000-\\u001f]*'
/** One escape, as RFC 8259 has them. */
const ESCAPE = '\\\\(?:["\\\\/bfnrt]|u[0-9A-Fa-f]{4})'
/** The contents of a JSON string with at least one escape. */
const ESCAPED = `${PLAIN}(?:${ESCAPE}${PLAIN})+`
/** The contents of any JSON string. */
const ANY_STRING = `${PLAIN}(?:${ESCAPE}${PLAIN})*`
/** A JSON number, true, false or null. */
const SCALAR = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null'

/** More properties than a proxy row has by far: such an object is read without a template. */
const MAX_PROPERTIES = 64

export interface RowTemplate {
  readonly regex: RegExp
  /**
   * For each field the template reads: its index in ROW_FIELDS, and its first capture group, which holds a
   * string's contents when they have no escape; the next one holds them when they have, the one after that
   * any other value.
   */
  readonly fields: Int8Array
  readonly groups: Int16Array
  /** The line ends in the template (a value never holds one). */
  readonly lines: number
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')

/**
 * The template of the object element `text` holds at `skeleton`, which the reader recorded as it read it: for each
 * property, where the text before its value starts (at the "{" for the first), where its value starts, and its
 * ROW_FIELDS index (-1: another property); then where the text after the last value starts, and the end of the
 * object. Undefined when a value is an object or an array (nested values are left to the reader).
 */
export function rowTemplate(text: string, skeleton: readonly number[]): RowTemplate | undefined {
  if (skeleton.length > 3 * MAX_PROPERTIES + 2) return undefined
  let source = ''
  let lines = 0
  let group = 1
  const fields: number[] = []
  const groups: number[] = []
  const last = skeleton.length - 2
  for (let k = 0; k < last; k += 3) {
    const gap = text.slice(skeleton[k] as number, skeleton[k + 1] as number)
    const first = text.charCodeAt(skeleton[k + 1] as number)
    if (first === 123 || first === 91) return undefined
    lines += countLineEnds(gap)
    const field = skeleton[k + 2] as number
    source += escapeRegex(gap)
    // At most one alternative can match any value (a string has escapes or not), and each matches one way: a row
    // that does not fit fails in time linear in its length, where overlapping alternatives could try 2^n ways.
    if (field < 0) source += `(?:"${ANY_STRING}"|${SCALAR})`
    else {
      source += `(?:"(${PLAIN})"|"(${ESCAPED})"|(${SCALAR}))`
      fields.push(field)
      groups.push(group)
      group += 3
    }
  }
  const end = text.slice(skeleton[last] as number, skeleton[last + 1] as number)
  lines += countLineEnds(end)
  source += escapeRegex(end)
  return { regex: new RegExp(source, 'y'), fields: Int8Array.from(fields), groups: Int16Array.from(groups), lines }
}

function countLineEnds(s: string): number {
  let n = 0
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) n++
  return n
}
