import { useCallback, useEffect, useRef } from 'react'
import type { KeyboardEvent } from 'react'

/** For a virtualized list, whose rows out of view are not in the DOM: how to find and reveal a row by its index. */
export interface VirtualRows {
  /** How many rows the list has (rendered or not). */
  count: number
  /** A rendered row's index in the list. */
  indexOf(row: HTMLElement): number
  /** Scrolls the list so the row at this index is rendered and in view. */
  reveal(index: number): void
}

/** How many animation frames a revealed row may take to be rendered before the move is given up. */
const REVEAL_FRAMES = 30

/**
 * Up/Down (and Home/End) move focus between a list's rows (issue 18, point 13). Spread the returned handler on the
 * list's container: `onKeyDown={useArrowRows('[role=row][data-row]')}`. The focused element's row is found with
 * `closest(rowSelector)`; focus goes to the same column's focusable in the next row (or the row itself when it is
 * focusable), so a user moving down a column of "Copy" buttons stays on them. A virtualized list passes `virtual`:
 * the goal row is revealed by index first and focused once rendered; keys pressed meanwhile count from that goal.
 */
export function useArrowRows(rowSelector: string, virtual?: VirtualRows): (event: KeyboardEvent<HTMLElement>) => void {
  // The latest `virtual` (its functions change with every render), for a handler that stays the same.
  const virtualRef = useRef(virtual)
  useEffect(() => {
    virtualRef.current = virtual
  })
  // A move waiting for its row to be rendered: the index and the column it goes to.
  const pending = useRef<{ index: number; column: number; frame: number } | undefined>(undefined)
  useEffect(() => () => cancelAnimationFrame(pending.current?.frame ?? 0), [])
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return
      const target = event.target as HTMLElement
      // Arrows in a text field or a select move the caret or the choice, not the row.
      if (target.closest('input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=true]')) return
      const container = event.currentTarget
      // A dialog opened from a row (a check's details) keeps its keys: its arrows are not the list's.
      if (target.closest('dialog') !== container.closest('dialog')) return
      const row = target.closest<HTMLElement>(rowSelector)
      if (!row || !container.contains(row)) return
      const rows = [...container.querySelectorAll<HTMLElement>(rowSelector)]
      const virtualRows = virtualRef.current
      const column = focusables(row).indexOf(target)
      if (!virtualRows) {
        const at = rows.indexOf(row)
        const next = rows[goalIndex(event.key, at, rows.length)]
        if (!next || next === row) return
        event.preventDefault()
        focusRow(next, column)
        return
      }
      const from = pending.current?.index ?? virtualRows.indexOf(row)
      const goal = goalIndex(event.key, from, virtualRows.count)
      if (goal === from) return
      event.preventDefault()
      cancelAnimationFrame(pending.current?.frame ?? 0)
      virtualRows.reveal(goal)
      const move = { index: goal, column: pending.current?.column ?? column, frame: 0 }
      pending.current = move
      let frames = 0
      const tryFocus = () => {
        const next = [...container.querySelectorAll<HTMLElement>(rowSelector)].find((r) => virtualRef.current?.indexOf(r) === move.index)
        if (next) {
          pending.current = undefined
          focusRow(next, move.column)
        } else if (++frames < REVEAL_FRAMES) {
          move.frame = requestAnimationFrame(tryFocus)
        } else {
          pending.current = undefined
        }
      }
      tryFocus()
    },
    [rowSelector],
  )
}

/** The row a key moves to from `at`, kept within the list's `count` rows. */
function goalIndex(key: string, at: number, count: number): number {
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  return Math.min(count - 1, Math.max(0, key === 'ArrowDown' ? at + 1 : at - 1))
}

function focusables(el: HTMLElement): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>('button, a[href], input, select, [tabindex]')]
}

/** Focuses the same column's control in `row`, or the row itself (made focusable by script only). */
function focusRow(row: HTMLElement, column: number): void {
  const goal = column >= 0 ? (focusables(row)[column] ?? row) : row
  if (goal === row && !row.hasAttribute('tabindex')) row.tabIndex = -1
  // The whole row comes into view, not only its focused control: a row's second line (the board's location under
  // the name) would otherwise stay cut at the list's edge.
  goal.focus({ preventScroll: true })
  row.scrollIntoView({ block: 'nearest' })
}
