/**
 * Passwords out of refused lines: a rejection shows the line (so the user can find and fix it), but never the
 * password in it, wherever the rejection goes (the page, a log, a terminal). `ParsedList` (parsed-list.ts) masks
 * every rejection it records with `maskRejection`, so no reader can forget to.
 *
 * A refused line did not parse, so where its password is has to be told from its shape, the way the line reader
 * (parse-line.ts) would have read it. When the shape is unclear, more is masked rather than less: everything
 * after the first field. Pure TypeScript.
 */
import type { RejectedLine } from './types'

export const MASK = '***'

/** A line with its secrets replaced by `***`, and the secrets, to take out of the rejection's message too. */
interface Masked {
  text: string
  secrets: string[]
}

const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//
const PORT_RE = /^\d{1,5}$/

/** `text` with [from, to) replaced by the mask; the part replaced is a secret (unless it was empty). */
function cut(text: string, from: number, to: number, secrets: string[]): string {
  if (to <= from) return text
  secrets.push(text.slice(from, to))
  return text.slice(0, from) + MASK + text.slice(to)
}

/** Is `s` a host and a port (`host:port`, `[v6]:port`) and nothing else? */
function isHostPort(s: string): boolean {
  if (s.startsWith('[')) {
    const end = s.indexOf(']:')
    return end > 0 && PORT_RE.test(s.slice(end + 2))
  }
  const colon = s.indexOf(':')
  return colon > 0 && colon === s.lastIndexOf(':') && PORT_RE.test(s.slice(colon + 1))
}

/** The `:`-separated fields of `s`, an IPv6 address in brackets kept as one field: their start offsets. */
function fieldStarts(s: string): number[] {
  const starts = [0]
  let inBrackets = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '[') inBrackets = true
    else if (c === ']') inBrackets = false
    else if (c === ':' && !inBrackets) starts.push(i + 1)
  }
  return starts
}

/** One proxy line in any of the forms parse-line.ts reads (with or without a scheme, with or without an "@"). */
export function maskProxyLine(line: string): Masked {
  const secrets: string[] = []
  const scheme = SCHEME_RE.exec(line)?.[0].length ?? 0
  const at = line.lastIndexOf('@')
  if (at >= scheme) {
    const before = line.slice(scheme, at)
    if (scheme === 0 && isHostPort(before)) {
      // host:port@login:password
      const colon = line.indexOf(':', at + 1)
      return { text: colon < 0 ? line : cut(line, colon + 1, line.length, secrets), secrets }
    }
    // login:password@host:port (a password may hold "@": the last "@" ends it)
    const colon = line.indexOf(':', scheme)
    return { text: colon < 0 || colon > at ? line : cut(line, colon + 1, at, secrets), secrets }
  }
  const rest = line.slice(scheme)
  const starts = fieldStarts(rest)
  if (starts.length < 2) return { text: line, secrets }
  const field = (k: number): string => rest.slice(starts[k], (starts[k + 1] ?? rest.length + 1) - 1)
  let from: number
  let to = line.length
  if (PORT_RE.test(field(1))) {
    // host:port, host:port:login, host:port:login:password (and whatever follows it)
    if (starts.length < 4) return { text: line, secrets }
    from = scheme + (starts[3] as number)
  } else if (starts.length >= 4 && PORT_RE.test(field(starts.length - 1))) {
    // login:password:host:port
    from = scheme + (starts[1] as number)
    to = scheme + (starts[starts.length - 2] as number) - 1
  } else {
    // No shape this app reads: only the first field is shown.
    from = scheme + (starts[1] as number)
  }
  return { text: cut(line, from, to, secrets), secrets }
}

/** A JSON element (or a line of a JSON text): values of keys that name a password, and proxy lines in strings. */
export function maskJsonText(text: string): Masked {
  const secrets: string[] = []
  // A string, and whether it is a key (a ":" follows); a key naming a password masks the value after it.
  const masked = text.replace(/("(?:[^"\\]|\\.)*"?)(\s*:)?/g, (whole, literal: string, isKey: string | undefined) => {
    if (isKey) return whole
    const inner = literal.slice(1, literal.endsWith('"') && literal.length > 1 ? -1 : undefined)
    const line = maskProxyLine(inner)
    secrets.push(...line.secrets)
    return line.secrets.length === 0 ? whole : `"${line.text}"`
  })
  const passwords = masked.replace(/("[^"]*pass[^"]*"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)/gi, (_whole, key: string, value: string) => {
    secrets.push(value.replace(/^"|"$/g, ''))
    return `${key}"${MASK}"`
  })
  return { text: passwords, secrets }
}

/** A CSV record: the field in the password column (0-based; none when the header has no password column). */
export function maskCsvRow(row: string, passwordColumn: number | undefined): Masked {
  const secrets: string[] = []
  if (passwordColumn === undefined || passwordColumn < 0) return { text: row, secrets }
  let column = 0
  let start = 0
  let quoted = false
  for (let i = 0; i < row.length; i++) {
    const c = row[i]
    if (c === '"') quoted = !quoted
    else if (c === ',' && !quoted) {
      if (column === passwordColumn) return { text: cut(row, start, i, secrets), secrets }
      column++
      start = i + 1
    }
  }
  // The last field; or a quote never closed, which ran from its field to the end, over the password's perhaps.
  if (column === passwordColumn || (quoted && column < passwordColumn)) return { text: cut(row, start, row.length, secrets), secrets }
  return { text: row, secrets }
}

/**
 * The rejection with its line masked (a CSV row by its header's password column, when `shape` names one), and every quoted part of its message that holds a secret
 * masked too (messages quote what they refuse: `"pass" is not a port number`).
 */
export function maskRejection(rejection: RejectedLine, shape: { csvPasswordColumn?: number } = {}): RejectedLine {
  const line = rejection.line
  let masked: Masked
  if (shape.csvPasswordColumn !== undefined) masked = maskCsvRow(line, shape.csvPasswordColumn)
  else {
    // JSON (an element, or a line of a text JSON.parse refused) starts with a bracket or a string; a proxy line never does.
    masked = /^\s*[{["]/.test(line) ? maskJsonText(line) : maskProxyLine(line)
  }
  const secrets = masked.secrets.filter((s) => s !== '')
  if (secrets.length === 0) return rejection
  // A quoted part is masked when it holds a secret or is a piece of one (a password with ":" read as a port).
  const message = rejection.message.replace(/"([^"]*)"/g, (quoted, inner: string) =>
    inner !== '' && secrets.some((s) => inner.includes(s) || s.includes(inner)) ? `"${MASK}"` : quoted,
  )
  return { ...rejection, line: masked.text, message }
}
