/**
 * Reads a JSON proxy list (the `json` export, or any array of proxy objects and proxy lines) for `parseProxyLines`
 * (proxy-lines-parser.ts), element by element, with the line each element starts on. Pure TypeScript (no node:*,
 * no DOM).
 *
 * Why not `JSON.parse`: it gives no line numbers, so a second pass had to find them, and then every row was
 * copied out of its object. For 100,000 rows that took 380-500 ms, over the 300 ms bench:exports allows, with
 * `JSON.parse` alone at 205-314 ms. This reader builds only the values of the fields a row is read for, and reads
 * rows written alike with a learned template (json-row-template.ts).
 *
 * It is a whole JSON parser (RFC 8259) all the same: what `JSON.parse` refuses, this refuses, saying where (line
 * and column) and what it expected; what it accepts, it reads as `JSON.parse` would.
 */
import { ROW_FIELD_COUNT, ROW_FIELDS, isDigit, isHex } from './proxy-line-parser'
import { rowTemplate, type RowTemplate } from './json-row-template'

/** What `JsonArrayReader.next` found. */
export const JSON_END = 0
export const JSON_OBJECT = 1
export const JSON_STRING = 2
export const JSON_OTHER = 3
export const JSON_ERROR = 4

/** `readGap`'s answer for the "}" that closes an object. */
const OBJECT_END = -2
/** At most this many templates are built for one text (each is a regex to compile): enough for any real file. */
const MAX_TEMPLATES = 64
/** Longest `errorLine` kept: a minified file is one line of megabytes. */
const MAX_ERROR_LINE = 200

const FIELD_INDEX = new Map<string, number>(ROW_FIELDS.map((field, index) => [field, index]))

const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const COLON = 58
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93

/** Thrown inside the reader only; `next` turns it into JSON_ERROR. */
class JsonSyntaxError extends Error {}

/**
 * A field's value as the text a CSV cell would hold, from its JSON token (not a string, object or array): a number
 * as JavaScript writes it, true/false as words; undefined for null.
 */
function scalarText(token: string): string | undefined {
  const c = token.charCodeAt(0)
  if (c === 110) return undefined // null
  if (c === 116 || c === 102) return token // true, false
  // JSON has no leading zeros, so digits alone (up to 15) are already what String(Number(token)) gives.
  if (token.length <= 15) {
    let digits = true
    for (let i = 0; i < token.length && digits; i++) digits = isDigit(token.charCodeAt(i))
    if (digits) return token
  }
  return String(Number(token))
}

/**
 * A JSON text this reader accepted, written compactly (one line). Nested deeper than JSON.stringify's recursion
 * goes (some thousands of levels), it is returned as written instead of throwing.
 */
export function compactJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json))
  } catch {
    return json.trim()
  }
}

/** The string that a JSON string's contents (between its quotes, already checked, with escapes) stand for. */
const decoded = (contents: string): string => JSON.parse(`"${contents}"`) as string

/** Reads a JSON array (the text starts with it, after blanks) one top-level element at a time. */
export class JsonArrayReader {
  /** For JSON_OBJECT: `values[i]` is the object's `ROW_FIELDS[i]` as text (see `valueText`), undefined when absent. */
  readonly values: Array<string | undefined> = new Array<string | undefined>(ROW_FIELD_COUNT).fill(undefined)
  /** For JSON_STRING: the string. */
  string = ''
  /** The element's first line (1-based), and where it starts and ends in the text. For JSON_ERROR: the error's line. */
  lineNumber = 0
  start = 0
  end = 0
  /** For JSON_ERROR: what is wrong and where, and the text of that line (trimmed, shortened). */
  error = ''
  errorLine = ''

  private i = 0
  private line = 1
  /** 0: before "[", 1: after an element, 2: done. */
  private state = 0
  /** The template learned from the last object read character by character, and how many were built. */
  private template: RowTemplate | undefined
  private templates = 0
  /** Where the parts of the object being read start (see `rowTemplate`). */
  private readonly skeleton: number[] = []

  constructor(private readonly text: string) {}

  next(): number {
    if (this.state === 2) return JSON_END
    try {
      return this.step()
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err
      this.state = 2
      const text = this.text
      const lineStart = text.lastIndexOf('\n', this.i - 1) + 1
      let lineEnd = text.indexOf('\n', lineStart)
      if (lineEnd < 0) lineEnd = text.length
      this.lineNumber = this.line
      this.error = `Not valid JSON at line ${this.line}, column ${this.i - lineStart + 1}: ${err.message}.`
      const line = text.slice(lineStart, Math.min(lineEnd, lineStart + MAX_ERROR_LINE)).trim()
      this.errorLine = lineEnd - lineStart > MAX_ERROR_LINE ? `${line}…` : line
      return JSON_ERROR
    }
  }

  private step(): number {
    const text = this.text
    this.skipBlanks()
    if (this.state === 0) {
      if (text.charCodeAt(this.i) !== OPEN_BRACKET) this.fail('expected "["')
      this.i++
      this.skipBlanks()
      if (text.charCodeAt(this.i) === CLOSE_BRACKET) return this.close()
      this.state = 1
    } else {
      const c = text.charCodeAt(this.i)
      if (c === CLOSE_BRACKET) return this.close()
      if (c !== COMMA) this.fail('expected "," or "]" after an element')
      this.i++
      this.skipBlanks()
    }
    this.lineNumber = this.line
    this.start = this.i
    const c = text.charCodeAt(this.i)
    let kind = JSON_OTHER
    if (c === OPEN_BRACE) {
      if (!this.readByTemplate()) this.readObject()
      kind = JSON_OBJECT
    } else if (c === QUOTE) {
      this.string = this.readString()
      kind = JSON_STRING
    } else this.skipValue()
    this.end = this.i
    return kind
  }

  /** The "]" that ends the array: only blanks may follow. */
  private close(): number {
    this.i++
    this.skipBlanks()
    if (this.i < this.text.length) this.fail('unexpected text after the closing "]"')
    this.state = 2
    return JSON_END
  }

  private fail(what: string): never {
    if (this.i >= this.text.length) throw new JsonSyntaxError(`the text ends too early (${what})`)
    throw new JsonSyntaxError(what)
  }

  private failAt(i: number, what: string): never {
    this.i = i
    return this.fail(what)
  }

  /** Skips spaces, tabs and line ends (the only blanks JSON allows), counting lines. */
  private skipBlanks(): void {
    const text = this.text
    let i = this.i
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 9 || c === 13) i++
      else if (c === 10) {
        i++
        this.line++
      } else break
    }
    this.i = i
  }

  /** The object element at the reader's position, when it matches the template: true after reading it. */
  private readByTemplate(): boolean {
    const template = this.template
    if (template === undefined) return false
    const regex = template.regex
    regex.lastIndex = this.i
    const match = regex.exec(this.text)
    if (match === null) return false
    const values = this.values
    for (let f = 0; f < ROW_FIELD_COUNT; f++) values[f] = undefined
    const fields = template.fields
    const groups = template.groups
    for (let k = 0; k < fields.length; k++) {
      const group = groups[k] as number
      const plain = match[group]
      const escaped = match[group + 1]
      values[fields[k] as number] = plain ?? (escaped !== undefined ? decoded(escaped) : scalarText(match[group + 2] as string))
    }
    this.i = regex.lastIndex
    this.line += template.lines
    return true
  }

  /** An object element, character by character: its known fields into `values`, the others checked and skipped. */
  private readObject(): void {
    const values = this.values
    for (let f = 0; f < ROW_FIELD_COUNT; f++) values[f] = undefined
    const skeleton = this.skeleton
    skeleton.length = 0
    let gapStart = this.i
    this.i++
    for (let atStart = true; ; atStart = false) {
      const field = this.readGap(atStart)
      if (field === OBJECT_END) break
      skeleton.push(gapStart, this.i, field)
      if (field < 0) this.skipValue()
      else values[field] = this.valueText()
      gapStart = this.i
    }
    skeleton.push(gapStart, this.i)
    if (this.templates < MAX_TEMPLATES) {
      this.template = rowTemplate(this.text, skeleton)
      this.templates++
    }
  }

  /**
   * From the start of an object or the end of a value to the start of the next value: blanks, a comma (not at the
   * start), a property name and its colon, blanks. The field that name is (-1: another), or OBJECT_END after "}".
   */
  private readGap(atStart: boolean): number {
    const text = this.text
    this.skipBlanks()
    const c = text.charCodeAt(this.i)
    if (c === CLOSE_BRACE) {
      this.i++
      return OBJECT_END
    }
    if (!atStart) {
      if (c !== COMMA) this.fail('expected "," or "}" after a value')
      this.i++
      this.skipBlanks()
    }
    return this.readKey()
  }

  /** A property name and its ":" (and the blanks after it), as the index of that field in ROW_FIELDS (-1: other). */
  private readKey(): number {
    const text = this.text
    if (text.charCodeAt(this.i) !== QUOTE) this.fail('expected a property name in double quotes')
    const name = this.readString()
    this.skipBlanks()
    if (text.charCodeAt(this.i) !== COLON) this.fail('expected ":" after a property name')
    this.i++
    this.skipBlanks()
    return FIELD_INDEX.get(name) ?? -1
  }

  /**
   * A field's value as the text a CSV cell would hold: a string as it is, an object or array as compact JSON,
   * anything else as `scalarText` has it.
   */
  private valueText(): string | undefined {
    const c = this.text.charCodeAt(this.i)
    if (c === QUOTE) return this.readString()
    const start = this.i
    this.skipValue()
    const token = this.text.slice(start, this.i)
    return c === OPEN_BRACE || c === OPEN_BRACKET ? compactJson(token) : scalarText(token)
  }

  /** The string at the reader's position (at its opening quote), checked and decoded. */
  private readString(): string {
    const text = this.text
    const n = text.length
    const open = this.i
    let i = open + 1
    let escaped = false
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === QUOTE) break
      if (c === BACKSLASH) {
        escaped = true
        const e = text.charCodeAt(i + 1)
        if (e === 117) {
          for (let h = 2; h < 6; h++) if (!isHex(text.charCodeAt(i + h))) this.failAt(i, 'expected four hex digits after "\\u"')
          i += 6
        } else if (e === QUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2
        else this.failAt(i, 'not a valid escape in a string (use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)')
        continue
      }
      if (i >= n) this.failAt(i, 'a string is never closed')
      if (c < 32) this.failAt(i, 'a line break or control character inside a string (write it as \\n, \\t, …)')
      i++
    }
    this.i = i + 1
    return escaped ? decoded(text.slice(open + 1, i)) : text.slice(open + 1, i)
  }

  /** Moves past the value at the reader's position, checking it (iteratively: nesting depth is unlimited). */
  private skipValue(): void {
    const text = this.text
    /** The closing bracket of each open array or object. */
    const closers: number[] = []
    for (;;) {
      // A value.
      const c = text.charCodeAt(this.i)
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        const closer = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET
        this.i++
        this.skipBlanks()
        if (text.charCodeAt(this.i) === closer) this.i++
        else {
          closers.push(closer)
          if (closer === CLOSE_BRACE) this.readKey()
          continue
        }
      } else if (c === QUOTE) this.readString()
      else if (c === 45 || isDigit(c)) this.skipNumber()
      else if (!this.skipWord('true') && !this.skipWord('false') && !this.skipWord('null')) this.fail('expected a value')
      // After a value: close what ends here, up to where the next value starts.
      for (;;) {
        if (closers.length === 0) return
        this.skipBlanks()
        const next = text.charCodeAt(this.i)
        const closer = closers[closers.length - 1] as number
        if (next === closer) {
          this.i++
          closers.pop()
          continue
        }
        if (next !== COMMA) this.fail(closer === CLOSE_BRACE ? 'expected "," or "}" after a value' : 'expected "," or "]" after a value')
        this.i++
        this.skipBlanks()
        if (closer === CLOSE_BRACE) this.readKey()
        break
      }
    }
  }

  private skipWord(word: string): boolean {
    if (!this.text.startsWith(word, this.i)) return false
    this.i += word.length
    return true
  }

  /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private skipNumber(): void {
    const text = this.text
    let i = this.i
    if (text.charCodeAt(i) === 45) i++
    const first = text.charCodeAt(i)
    if (first === 48) i++
    else if (isDigit(first)) while (isDigit(text.charCodeAt(i))) i++
    else this.failAt(i, 'expected a digit')
    if (text.charCodeAt(i) === 46) {
      i++
      if (!isDigit(text.charCodeAt(i))) this.failAt(i, 'expected a digit after "."')
      while (isDigit(text.charCodeAt(i))) i++
    }
    const e = text.charCodeAt(i)
    if (e === 101 || e === 69) {
      i++
      const sign = text.charCodeAt(i)
      if (sign === 43 || sign === 45) i++
      if (!isDigit(text.charCodeAt(i))) this.failAt(i, 'expected a digit in the exponent')
      while (isDigit(text.charCodeAt(i))) i++
    }
    this.i = i
  }
}
