/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (never into a log or a pipe). Lines
 * printed meanwhile go above it: `around(print)` clears the bar, prints, and draws it again.
 */
import type { Stream } from './output'

export interface Progress {
  update(done: number, total: number, failed: number): void
  around(print: () => void): void
  clear(): void
}

const BAR = 24

export function createProgress(stderr: Stream, enabled = stderr.isTTY === true): Progress {
  let line = ''
  const draw = () => {
    if (line) stderr.write(`\r\x1b[K${line}`)
  }
  const erase = () => {
    if (line) stderr.write('\r\x1b[K')
  }
  return {
    update(done, total, failed) {
      if (!enabled) return
      const filled = total > 0 ? Math.round((done / total) * BAR) : BAR
      line = `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${done}/${total}${failed > 0 ? `, ${failed} failed` : ''}`
      draw()
    },
    around(print) {
      if (!enabled) return print()
      erase()
      print()
      draw()
    },
    clear() {
      if (!enabled) return
      erase()
      line = ''
    },
  }
}
