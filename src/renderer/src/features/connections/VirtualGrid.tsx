/**
 * A virtualized, selectable, sortable grid for long lists (thousands of connections or proxies): only the rows in
 * view (plus a few) are in the DOM. It keeps grid semantics: role="grid" with aria-rowcount, rows with
 * aria-rowindex and aria-selected, sortable column headers with aria-sort, and every control a native,
 * keyboard-reachable element with an accessible name.
 */
import { memo, useEffect, useRef } from 'react'
import type { CSSProperties, ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { SortDirection } from '../../stores/list-view'

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
}

interface VirtualGridProps<R> {
  label: string
  rows: readonly R[]
  columns: readonly GridColumn<R>[]
  rowId(row: R): string
  rowClassName?(row: R): string | undefined
  sort: { column: string; direction: SortDirection }
  onSort(column: string): void
  sortLabel(column: string): string
  selected: ReadonlySet<string>
  onToggle(id: string): void
  onToggleAll(): void
  selectAllLabel: string
  selectRowLabel(row: R): string
  rowHeight: number
  className?: string
}

const CHECK_COLUMN = '40px'

export function VirtualGrid<R>(props: VirtualGridProps<R>) {
  const { rows, columns, rowHeight, selected, rowId } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const selectAllRef = useRef<HTMLInputElement>(null)
  // The virtualizer's functions change with every scroll; this component is rendered normally (not compiled).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => rowId(rows[index] as R),
  })
  const template: CSSProperties = { gridTemplateColumns: [CHECK_COLUMN, ...columns.map((c) => c.width)].join(' ') }
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
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      className={`vgrid ${props.className ?? ''}`}
    >
      <div role="rowgroup" className="vgrid-head">
        <div role="row" aria-rowindex={1} className="vgrid-row" style={template}>
          <div role="columnheader" className="vgrid-cell vgrid-check">
            <input
              ref={selectAllRef}
              type="checkbox"
              aria-label={props.selectAllLabel}
              checked={allSelected}
              disabled={rows.length === 0}
              onChange={props.onToggleAll}
            />
          </div>
          {columns.map((column) => {
            const sorted = props.sort.column === column.id
            if (column.sortable === false) {
              return (
                <div key={column.id} role="columnheader" className="vgrid-cell vgrid-plain-head">
                  {column.label}
                </div>
              )
            }
            return (
              <div
                key={column.id}
                role="columnheader"
                className="vgrid-cell"
                aria-sort={sorted ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="vgrid-sort" title={props.sortLabel(column.label)} onClick={() => props.onSort(column.id)}>
                  {column.label}
                  <span aria-hidden="true" className="vgrid-sort-mark">
                    {sorted ? (props.sort.direction === 'asc' ? '▲' : '▼') : ''}
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
              columns={columns}
              selected={selected.has(id)}
              className={props.rowClassName?.(row)}
              selectLabel={props.selectRowLabel(row)}
              onToggle={props.onToggle}
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
  columns: readonly GridColumn<R>[]
  selected: boolean
  className?: string | undefined
  selectLabel: string
  onToggle(id: string): void
}

function GridRowImpl<R>({ row, id, index, start, height, template, columns, selected, className, selectLabel, onToggle }: GridRowProps<R>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vgrid-row ${selected ? 'is-selected' : ''} ${className ?? ''}`}
      style={{ gridTemplateColumns: template, height, transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className="vgrid-cell vgrid-check">
        <input type="checkbox" aria-label={selectLabel} checked={selected} onChange={() => onToggle(id)} />
      </div>
      {columns.map((column) => (
        <div key={column.id} role={column.header ? 'rowheader' : 'gridcell'} className={`vgrid-cell col-${column.id}`}>
          {column.render(row)}
        </div>
      ))}
    </div>
  )
}

const GridRow = memo(GridRowImpl) as typeof GridRowImpl
