/**
 * A JSON proxy list (the `json` export, or any array of proxy objects and proxy lines) for `parseProxyLines`
 * (parse.ts). V8's `JSON.parse` reads it; then one pass over the text finds the line each element of the array
 * starts on, which `JSON.parse` does not tell and every proxy and rejection names.
 *
 * Why no reader of our own: the only caller is the pasted-list check, which caps a list at 5 MB, so a faster
 * reader would save milliseconds there, and `JSON.parse` is the reader everyone already trusts.
 */
import { parseLine } from './parse-line'
import { ROW_FIELDS, fromRow } from './parse-row'
import type { ParsedList } from './parsed-list'

/** Longest line shown with a syntax error: a minified file is one line of megabytes. */
const MAX_ERROR_LINE = 200
/** How many characters V8 quotes either side of an unexpected token (V8's json-parser.cc, kMaxContextCharacters). */
const V8_CONTEXT = 10

const NOT_A_PROXY = 'Each element must be an object with hostname (or ip) and port, or a proxy line.'

/** Reads `source` (it starts with "[", after blanks) into `list`. Malformed JSON is one rejection, nothing kept. */
export function parseJson(source: string, list: ParsedList): void {
  let items: unknown
  try {
    items = JSON.parse(source)
  } catch (err) {
    refuseSyntax(source, err instanceof Error ? err.message : String(err), list)
    return
  }
  if (!Array.isArray(items)) {
    list.refuse(source.trim().slice(0, MAX_ERROR_LINE), 1, 'bad_json', 'Not valid JSON: a proxy list is an array, [ ... ].')
    return
  }
  const places = elementPlaces(source)
  items.forEach((item: unknown, k) => {
    const lineNumber = places.lines[k] as number
    // How a rejected element is shown: compact JSON, or as written when nested deeper than JSON.stringify goes.
    const text = (): string => {
      try {
        return JSON.stringify(item)
      } catch {
        return source.slice(places.starts[k], places.ends[k])
      }
    }
    if (typeof item === 'string') {
      const line = item.trim()
      if (line !== '' && !line.startsWith('#')) list.take(parseLine(line), lineNumber, line)
    } else if (item === null || typeof item !== 'object' || Array.isArray(item)) list.refuse(text(), lineNumber, 'bad_json', NOT_A_PROXY)
    else {
      const values = rowValues(item as Record<string, unknown>)
      if (typeof values === 'string') list.refuse(text(), lineNumber, 'bad_json', values)
      else list.take(fromRow(values), lineNumber, text)
    }
  })
}

/**
 * An object's `ROW_FIELDS` as the text a CSV cell would hold: a string as it is, a number as JavaScript writes it,
 * true/false as words, an object or array as compact JSON, null as absent. A message when a value cannot be
 * written (nested deeper than JSON.stringify goes).
 */
function rowValues(row: Record<string, unknown>): Array<string | undefined> | string {
  const values: Array<string | undefined> = []
  for (const field of ROW_FIELDS) {
    const value = Object.hasOwn(row, field) ? row[field] : undefined
    if (value === undefined || value === null) values.push(undefined)
    else if (typeof value !== 'object') values.push(String(value))
    else {
      try {
        values.push(JSON.stringify(value))
      } catch {
        return `The value of "${field}" is nested too deeply to read.`
      }
    }
  }
  return values
}

/**
 * Where each element of the array `text` holds starts and ends, and the line it starts on. `text` is valid JSON
 * (JSON.parse read it), so strings are the only thing to step over: no line end can be inside one.
 */
function elementPlaces(text: string): { starts: number[]; ends: number[]; lines: number[] } {
  const starts: number[] = []
  const ends: number[] = []
  const lines: number[] = []
  let depth = 0
  let line = 1
  /** Just after the last character of a value. */
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) line++
    if (c === 10 || c === 13 || c === 32 || c === 9) continue
    if (depth === 1 && starts.length === ends.length && c !== 93) {
      starts.push(i)
      lines.push(line)
    }
    if (c === 34) {
      for (i++; text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++
    } else if (c === 91 || c === 123) depth++
    else if (c === 93 || c === 125) {
      if (--depth === 0 && starts.length > ends.length) ends.push(last)
    } else if (c === 44 && depth === 1) {
      ends.push(last)
      continue
    }
    last = i + 1
  }
  return { starts, ends, lines }
}

/** The one rejection for text JSON.parse refused: V8's reason, at a line and column when it can be told. */
function refuseSyntax(source: string, v8Message: string, list: ParsedList): void {
  const { position, reason } = syntaxError(source, v8Message)
  if (position === undefined) {
    list.refuse(shortLine(source, 0), 1, 'bad_json', `Not valid JSON: ${v8Message}.`)
    return
  }
  const lineStart = source.lastIndexOf('\n', position - 1) + 1
  let lineNumber = 1
  for (let k = source.indexOf('\n'); k >= 0 && k < lineStart; k = source.indexOf('\n', k + 1)) lineNumber++
  list.refuse(shortLine(source, lineStart), lineNumber, 'bad_json', `Not valid JSON at line ${lineNumber}, column ${position - lineStart + 1}: ${reason}.`)
}

/**
 * Where in `source` V8's error is, and its reason without the where. V8 says "... in JSON at position N" for most
 * faults; for an unexpected token it quotes the text around it instead, up to V8_CONTEXT characters either side
 * ("..." marks a cut), which is found back in the source (the first place it occurs: the fault is the first one).
 */
function syntaxError(source: string, message: string): { position?: number; reason: string } {
  const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)
  const at = /^(.*?) in JSON at position (\d+)/.exec(message)
  if (at) {
    const position = Number(at[2])
    const reason = lower(at[1] as string)
    return { position, reason: position >= source.length ? `the text ends too early (${reason})` : reason }
  }
  if (message.startsWith('Unexpected end of JSON input')) return { position: source.length, reason: 'the text ends too early' }
  const token = /^(Unexpected token .*?), (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message)
  if (!token) return { reason: message }
  const [, reason = '', cutBefore, quoted = '', cutAfter] = token
  if (cutBefore) {
    const found = cutAfter ? source.indexOf(quoted) : source.length - quoted.length
    return found >= 0 && source.startsWith(quoted, found) ? { position: found + V8_CONTEXT, reason: lower(reason) } : { reason: message }
  }
  // The quote starts the text: it ends V8_CONTEXT characters after the token, or is the whole (short) text.
  return cutAfter ? { position: quoted.length - V8_CONTEXT, reason: lower(reason) } : { reason: message }
}

/** The line of `source` that starts at `start`, trimmed and shortened to MAX_ERROR_LINE. */
function shortLine(source: string, start: number): string {
  let end = source.indexOf('\n', start)
  if (end < 0) end = source.length
  const line = source.slice(start, Math.min(end, start + MAX_ERROR_LINE)).trim()
  return end - start > MAX_ERROR_LINE ? `${line}…` : line
}
