/**
 * A virtualized grid for long lists (thousands of connections or proxies; every access list), optionally
 * selectable and sortable: only the rows in view (plus a few) are in the DOM, each at a fixed height so rows never
 * overlap. It keeps grid semantics: role="grid" with aria-rowcount, rows with
 * aria-rowindex and aria-selected, sortable column headers with aria-sort, and every control a native,
 * keyboard-reachable element with an accessible name. Up/Down/Home/End move focus row to row (scrolling rows not
 * rendered yet into view). Cells never wrap: what does not fit ends in an ellipsis, and the least important
 * columns fold away in a narrow window (`fold`) so the rest fit without scrolling sideways.
 */
import { memo, useEffect, useRef, useState } from 'react'
import type { CSSProperties, ReactNode, RefObject } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { SortDirection } from '../stores/list-view'
import { useArrowRows } from './use-arrow-rows'
import './virtual-grid.css'

export interface GridColumn<R> {
  id: string
  label: string
  /** A CSS grid track size, e.g. "minmax(160px, 2fr)" or "96px". */
  width: string
  render(row: R): ReactNode
  /** A row header (the row's name): rendered with role="rowheader". */
  header?: boolean
  /** false for columns that cannot be sorted (actions, live results). */
  sortable?: boolean
  /** The header is for screen readers only (a column of row buttons). */
  hideLabel?: boolean
  /** Extra class of the column's cells (e.g. vgrid-actions for a row's buttons). */
  cellClassName?: string
  /**
   * Folds the column away when the grid is narrower than FOLD_WIDTH[fold] px, so the least important columns
   * disappear at 900 px instead of the row scrolling sideways: 'wide' goes first (below 1100 px: a 1280 px window
   * with the sidebar), 'medium' next (below 960 px), then 'narrow' (below 720 px). Absent: always shown.
   */
  fold?: keyof typeof FOLD_WIDTH
}

/** Grid widths (px) below which a column with that `fold` is left out. */
export const FOLD_WIDTH = { wide: 1100, medium: 960, narrow: 720 } as const

/** Row selection with a check column; absent for lists that are not selected from. */
export interface GridSelection<R> {
  selected: ReadonlySet<string>
  onToggle(id: string): void
  onToggleAll(): void
  selectAllLabel: string
  selectRowLabel(row: R): string
}

/** Sortable column headers; absent for lists shown in one fixed order. */
export interface GridSort {
  sort: { column: string; direction: SortDirection }
  onSort(column: string): void
  sortLabel(column: string): string
}

interface VirtualGridProps<R> {
  label: string
  rows: readonly R[]
  columns: readonly GridColumn<R>[]
  rowId(row: R): string
  rowClassName?(row: R): string | undefined
  sorting?: GridSort | undefined
  selection?: GridSelection<R> | undefined
  rowHeight: number
  className?: string
  /** As tall as the rows (up to a screen) rather than a screen tall: for lists that are usually short. */
  fit?: boolean
}

const NOTHING_SELECTED: ReadonlySet<string> = new Set()

const CHECK_COLUMN = '40px'

/** The least a track takes: its first px length ("minmax(130px, 2fr)" → 130, "96px" → 96, "1fr" → 0). */
const trackMinimum = (track: string) => Number(/(\d+(?:\.\d+)?)px/.exec(track)?.[1] ?? 0)

/** The body's row selector: the header row (aria-rowindex 1) is not moved to with the arrows. */
const BODY_ROW = '.vgrid-body [role=row][aria-rowindex]'

export function VirtualGrid<R>(props: VirtualGridProps<R>) {
  const { rows, rowHeight, rowId, selection, sorting } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const width = useElementSize(scrollRef, 'width')
  const columns = props.columns.filter((c) => c.fold === undefined || width === undefined || width >= FOLD_WIDTH[c.fold])
  const selected = selection?.selected ?? NOTHING_SELECTED
  const selectAllRef = useRef<HTMLInputElement>(null)
  const headRef = useRef<HTMLDivElement>(null)
  const headHeight = useElementSize(headRef, 'height')
  // The virtualizer's functions change with every scroll; this component is rendered normally (not compiled).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // The sticky header covers the top of the scroller: a row scrolled to (arrow keys) lands below it.
    scrollPaddingStart: headHeight ?? 0,
    getItemKey: (index) => rowId(rows[index] as R),
  })
  const tracks = [...(selection ? [CHECK_COLUMN] : []), ...columns.map((c) => c.width)]
  // Every row (header and body) is as wide as the grid or its tracks' minimums, whichever is more: the rows scroll
  // sideways together only when the shown columns cannot fit (after folding), never because of a fixed min-width.
  const minWidth = tracks.reduce((sum, track) => sum + trackMinimum(track), 0)
  const template: CSSProperties = { gridTemplateColumns: tracks.join(' '), minWidth }
  // Up/Down/Home/End move between rows; a row out of view is not in the DOM, so the virtualizer scrolls to it first.
  const onKeyDown = useArrowRows(BODY_ROW, {
    count: rows.length,
    indexOf: (row) => Number(row.getAttribute('aria-rowindex')) - 2,
    reveal: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  })
  const shownSelected = rows.reduce((n, row) => (selected.has(rowId(row)) ? n + 1 : n), 0)
  const allSelected = rows.length > 0 && shownSelected === rows.length
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = shownSelected > 0 && !allSelected
  }, [shownSelected, allSelected])

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + (selection ? 1 : 0)}
      aria-multiselectable={selection ? true : undefined}
      className={`vgrid ${props.fit ? 'vgrid-fit' : ''} ${props.className ?? ''}`}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="vgrid-head" ref={headRef}>
        <div role="row" aria-rowindex={1} className="vgrid-row" style={template}>
          {selection && (
            <div role="columnheader" className="vgrid-cell vgrid-check">
              <input
                ref={selectAllRef}
                type="checkbox"
                aria-label={selection.selectAllLabel}
                checked={allSelected}
                disabled={rows.length === 0}
                onChange={selection.onToggleAll}
              />
            </div>
          )}
          {columns.map((column) => {
            const sorted = sorting?.sort.column === column.id
            if (!sorting || column.sortable === false) {
              return (
                <div key={column.id} role="columnheader" className="vgrid-cell vgrid-plain-head">
                  {column.hideLabel ? <span className="visually-hidden">{column.label}</span> : column.label}
                </div>
              )
            }
            return (
              <div
                key={column.id}
                role="columnheader"
                className="vgrid-cell"
                aria-sort={sorted ? (sorting.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="vgrid-sort" title={sorting.sortLabel(column.label)} onClick={() => sorting.onSort(column.id)}>
                  {column.label}
                  <span aria-hidden="true" className="vgrid-sort-mark">
                    {sorted ? (sorting.sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
      </div>
      <div role="rowgroup" className="vgrid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as R
          const id = rowId(row)
          return (
            <GridRow
              key={item.key}
              row={row}
              id={id}
              index={item.index}
              start={item.start}
              height={rowHeight}
              template={template.gridTemplateColumns as string}
              minWidth={minWidth}
              columns={columns}
              selected={selection ? selected.has(id) : undefined}
              className={props.rowClassName?.(row)}
              selectLabel={selection?.selectRowLabel(row)}
              onToggle={selection?.onToggle}
            />
          )
        })}
      </div>
    </div>
  )
}

interface GridRowProps<R> {
  row: R
  id: string
  index: number
  start: number
  height: number
  template: string
  minWidth: number
  columns: readonly GridColumn<R>[]
  /** undefined: the grid has no selection. */
  selected: boolean | undefined
  className?: string | undefined
  selectLabel: string | undefined
  onToggle: ((id: string) => void) | undefined
}

function GridRowImpl<R>({ row, id, index, start, height, template, minWidth, columns, selected, className, selectLabel, onToggle }: GridRowProps<R>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vgrid-row ${selected ? 'is-selected' : ''} ${className ?? ''}`}
      style={{ gridTemplateColumns: template, minWidth, height, transform: `translateY(${start}px)` }}
    >
      {selected !== undefined && (
        <div role="gridcell" className="vgrid-cell vgrid-check">
          <input type="checkbox" aria-label={selectLabel} checked={selected} onChange={() => onToggle?.(id)} />
        </div>
      )}
      {columns.map((column) => (
        <div key={column.id} role={column.header ? 'rowheader' : 'gridcell'} className={`vgrid-cell col-${column.id} ${column.cellClassName ?? ''}`}>
          {column.render(row)}
        </div>
      ))}
    </div>
  )
}

const GridRow = memo(GridRowImpl) as typeof GridRowImpl

/** The element's width or height as laid out, kept current by a ResizeObserver; undefined before the first layout. */
function useElementSize(ref: RefObject<HTMLElement | null>, side: 'width' | 'height'): number | undefined {
  const [size, setSize] = useState<number>()
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      // The width inside the border (what columns share); the height with it (what a sticky header covers).
      if (entry) setSize(Math.round(side === 'width' ? entry.contentRect.width : element.offsetHeight))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, side])
  return size
}
