/**
 * A CSV proxy list (the `csv` export, or any CSV whose header names hostname/ip and port) for `parseProxyLines`
 * (parse.ts): the header, then record by record, each with the 1-based line it starts on. Pure TypeScript.
 */
import { ROW_FIELD_COUNT, ROW_FIELDS, fromRow } from './parse-row'
import type { ParsedList } from './parsed-list'

/** Where a CSV list's header is: its 0-based line and its text (trimmed). */
export interface CsvHeader {
  index: number
  line: string
}

/** The header, when the first line that is neither blank nor a `#` comment names hostname/ip/host and port. */
export function findCsvHeader(source: string): CsvHeader | undefined {
  const scan = /([^\r\n]*)(\r\n|\n|\r|$)/g
  for (let i = 0; scan.lastIndex < source.length; i++) {
    const m = scan.exec(source)
    if (!m) break
    const t = (m[1] ?? '').trim()
    if (t === '' || t.startsWith('#')) {
      if (m[0] === '') break
      continue
    }
    return t.includes(',') && isCsvHeader(t) ? { index: i, line: t } : undefined
  }
  return undefined
}

/** Reads the records after `header` into `list`; a malformed record or one with the wrong count of fields is refused as `bad_csv`. */
export function parseCsv(source: string, header: CsvHeader, list: ParsedList): void {
  const columns = headerColumns(header.line)
  list.csvPasswordColumn = columns.indexOf('password')
  // Column k's place among fromRow's values (-1: a column it does not read).
  const slots = Int8Array.from(columns, (name) => (ROW_FIELDS as readonly string[]).indexOf(name))
  // The records after the header (a quoted field keeps its own line ends).
  const breaks = /\r\n|\n|\r/g
  for (let k = 0; k <= header.index && breaks.exec(source); k++);
  const record = new CsvReader(source, breaks.lastIndex > 0 ? breaks.lastIndex : source.length, header.index + 2, slots, ROW_FIELD_COUNT)
  const recordText = (): string => source.slice(record.start, record.end)
  while (record.next()) {
    const count = record.count
    if (count === 1 && record.first.trim().startsWith('#')) continue
    if (record.error) list.refuse(recordText(), record.lineNumber, 'bad_csv', record.error)
    else if (count !== columns.length) list.refuse(recordText(), record.lineNumber, 'bad_csv', `This row has ${count} fields; the header has ${columns.length}.`)
    else list.take(fromRow(record.values), record.lineNumber, recordText)
  }
}

/**
 * Reads RFC 4180 CSV record by record, each with the 1-based line it starts on; skips blank records. Each record's
 * fields go straight to the places `slots` gives them in `values` (no array of fields per record).
 */
class CsvReader {
  /** The record's fields by slot: `values[slots[k]]` is field k (undefined for a slot no field fills). */
  readonly values: Array<string | undefined>
  /** The record's first field, and how many it has. */
  first = ''
  count = 0
  lineNumber = 0
  start = 0
  end = 0
  error: string | undefined
  private i: number
  /** The next ",", "\n" and "\r" at or after `i` (-1: none left), for unquoted fields. */
  private comma: number
  private lf: number
  private cr: number

  /** Reads `text` from index `from`, which is on line `line`; field k goes to slot `slots[k]` (-1 or beyond: nowhere). */
  constructor(
    private readonly text: string,
    from: number,
    private line: number,
    private readonly slots: Int8Array,
    slotCount: number,
  ) {
    this.values = new Array<string | undefined>(slotCount).fill(undefined)
    this.i = from
    this.comma = text.indexOf(',', from)
    this.lf = text.indexOf('\n', from)
    this.cr = text.indexOf('\r', from)
  }

  /** Reads the next record into the fields above; false at the end of the text. */
  next(): boolean {
    const text = this.text
    const values = this.values
    const slots = this.slots
    const n = text.length
    let i = this.i
    let line = this.line
    let comma = this.comma
    let lf = this.lf
    let cr = this.cr
    while (i < n) {
      const recordLine = line
      const start = i
      for (let s = 0; s < values.length; s++) values[s] = undefined
      let first = ''
      let count = 0
      let error: string | undefined
      for (;;) {
        if (text.charCodeAt(i) === 34) {
          // A quoted field: doubled quotes are one quote; newlines inside count as lines.
          let value = ''
          let from = i + 1 // the start of the part not yet in `value`
          for (;;) {
            const q = text.indexOf('"', from)
            if (q < 0) {
              error = 'A quoted field is never closed.'
              value += text.slice(from)
              i = n
              break
            }
            if (text.charCodeAt(q + 1) === 34) {
              value += text.slice(from, q + 1)
              from = q + 2
              continue
            }
            value += text.slice(from, q)
            i = q + 1
            break
          }
          for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++
          const c = text.charCodeAt(i)
          if (i < n && c !== 44 && c !== 10 && c !== 13) {
            error ??= 'Unexpected text after a closing quote.'
            while (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++
          }
          if (count === 0) first = value
          const slot = count < slots.length ? (slots[count] as number) : -1
          if (slot >= 0) values[slot] = value
          count++
        } else {
          // To the next comma or line end (the next of each is remembered: indexOf is much faster than a loop).
          if (comma >= 0 && comma < i) comma = text.indexOf(',', i)
          if (lf >= 0 && lf < i) lf = text.indexOf('\n', i)
          if (cr >= 0 && cr < i) cr = text.indexOf('\r', i)
          let end = comma >= 0 ? comma : n
          if (lf >= 0 && lf < end) end = lf
          if (cr >= 0 && cr < end) end = cr
          const value = text.slice(i, end)
          if (count === 0) first = value
          const slot = count < slots.length ? (slots[count] as number) : -1
          if (slot >= 0) values[slot] = value
          count++
          i = end
        }
        if (i < n && text.charCodeAt(i) === 44) {
          i++
          continue
        }
        break
      }
      const end = i
      if (text.charCodeAt(i) === 13) i++
      if (text.charCodeAt(i) === 10) i++
      line++
      if (count === 1 && first.trim() === '') continue
      this.i = i
      this.line = line
      this.comma = comma
      this.lf = lf
      this.cr = cr
      this.first = first
      this.count = count
      this.lineNumber = recordLine
      this.start = start
      this.end = end
      this.error = error
      return true
    }
    this.i = i
    this.line = line
    return false
  }
}

function headerColumns(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase())
}

function isCsvHeader(line: string): boolean {
  const cols = headerColumns(line)
  return cols.includes('port') && (cols.includes('hostname') || cols.includes('ip') || cols.includes('host'))
}
