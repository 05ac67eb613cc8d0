import { useCallback } from 'react'
import type { KeyboardEvent } from 'react'

/**
 * Up/Down (and Home/End) move focus between a list's rows (issue 18, point 13). Spread the returned handler on the
 * list's container: `onKeyDown={useArrowRows('[role=row][data-row]')}`. The focused element's row is found with
 * `closest(rowSelector)`; focus goes to the same column's focusable in the next row (or the row itself when it is
 * focusable), so a user moving down a column of "Copy" buttons stays on them. Rows not rendered (a virtualized
 * list) are not reached: the list scrolls its own focused row into view.
 */
export function useArrowRows(rowSelector: string): (event: KeyboardEvent<HTMLElement>) => void {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return
      const target = event.target as HTMLElement
      // Arrows in a text field or a select move the caret or the choice, not the row.
      if (target.closest('input, textarea, select, [contenteditable=true]')) return
      const row = target.closest<HTMLElement>(rowSelector)
      if (!row || !event.currentTarget.contains(row)) return
      const rows = [...event.currentTarget.querySelectorAll<HTMLElement>(rowSelector)]
      const at = rows.indexOf(row)
      const next =
        event.key === 'Home' ? rows[0] : event.key === 'End' ? rows.at(-1) : rows[event.key === 'ArrowDown' ? at + 1 : at - 1]
      if (!next || next === row) return
      event.preventDefault()
      const focusables = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('button, a[href], input, select, [tabindex]')]
      const column = focusables(row).indexOf(target)
      const goal = column >= 0 ? (focusables(next)[column] ?? next) : next
      if (goal === next && !next.hasAttribute('tabindex')) next.tabIndex = -1
      goal.focus()
      goal.scrollIntoView({ block: 'nearest' })
    },
    [rowSelector],
  )
}
