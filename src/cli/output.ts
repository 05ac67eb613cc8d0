/**
 * Everything `iproxy` prints goes through here: results on stdout (human tables, or JSON), notes, warnings and
 * progress on stderr. Colour only when that stream is a terminal, never with NO_COLOR (https://no-color.org) or
 * TERM=dumb, so piped output and logs stay plain.
 */
export interface Stream {
  write(chunk: string): boolean
  isTTY?: boolean
  columns?: number
}

export type Colour = 'red' | 'green' | 'yellow' | 'dim' | 'bold'

const ANSI: Record<Colour, [string, string]> = {
  red: ['\x1b[31m', '\x1b[39m'],
  green: ['\x1b[32m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
}

export function colourAllowed(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb'
}

/** A table cell: text, optionally coloured (the colour does not count towards the column's width). */
export type Cell = string | { text: string; colour?: Colour | undefined }

export interface Column {
  header: string
  align?: 'left' | 'right'
}

const width = (text: string): number => [...text].length

export interface Output {
  readonly stdout: Stream
  readonly stderr: Stream
  /** Paints `text` for stdout (plain when stdout takes no colour). */
  paint(colour: Colour | undefined, text: string): string
  line(text?: string): void
  /** One JSON document, indented. */
  json(value: unknown): void
  /** One JSON value on one line (streams: one line per result). */
  jsonLine(value: unknown): void
  table(columns: Column[], rows: Cell[][]): void
  /** A note or warning for the person, on stderr. */
  note(text: string): void
  warn(text: string): void
  error(code: string, text: string): void
}

export function createOutput(stdout: Stream, stderr: Stream, env: NodeJS.ProcessEnv): Output {
  const colourOut = colourAllowed(stdout, env)
  const colourErr = colourAllowed(stderr, env)
  const paintFor = (on: boolean) => (colour: Colour | undefined, text: string) => (on && colour ? `${ANSI[colour][0]}${text}${ANSI[colour][1]}` : text)
  const paint = paintFor(colourOut)
  const paintErr = paintFor(colourErr)

  return {
    stdout,
    stderr,
    paint,
    line: (text = '') => void stdout.write(`${text}\n`),
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    jsonLine: (value) => void stdout.write(`${JSON.stringify(value)}\n`),
    table(columns, rows) {
      const texts = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : cell.text)))
      const widths = columns.map((c, i) => Math.max(width(c.header), ...texts.map((row) => width(row[i] ?? ''))))
      const pad = (text: string, i: number) => {
        const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(text)))
        return columns[i]?.align === 'right' ? gap + text : text + gap
      }
      const render = (cells: Cell[]) =>
        cells
          .map((cell, i) => {
            const text = typeof cell === 'string' ? cell : cell.text
            const padded = i === cells.length - 1 && columns[i]?.align !== 'right' ? text : pad(text, i)
            return typeof cell === 'string' ? padded : paint(cell.colour, padded)
          })
          .join('  ')
      stdout.write(`${paint('bold', render(columns.map((c) => c.header)))}\n`)
      for (const row of rows) stdout.write(`${render(row)}\n`)
    },
    note: (text) => void stderr.write(`${text}\n`),
    warn: (text) => void stderr.write(`${paintErr('yellow', 'warning:')} ${text}\n`),
    error: (code, text) => void stderr.write(`${paintErr('red', `iproxy: ${code}:`)} ${text}\n`),
  }
}
