/**
 * How `iproxy bulk` prints: the plan before a run (on stderr, so stdout holds only results), one line per
 * connection as it finishes (a row, or one JSON object per line with --json), and a closing summary. The JSON
 * field names are part of the command's contract (json-fields.ts): add fields, never rename them.
 */
import type { BulkItem, BulkItemState, BulkPreview } from '../shared/bulk'
import type { Colour, Output } from './output'

export interface BulkItemRecord {
  type: 'item'
  runId: string
  action: string
  connectionId: string
  connectionName: string | null
  /** done | failed | skipped | cancelled (not started because of Ctrl-C). */
  state: BulkItemState
  ok: boolean
  reason: string | null
  /** What the action found (old and new IP, files written, the plan's new end ...); {} when nothing. */
  detail: Record<string, string | number | boolean>
  startedAt: string | null
  endedAt: string | null
  seconds: number | null
}

export interface BulkSummary {
  type: 'summary'
  runId: string | null
  action: string
  total: number
  done: number
  failed: number
  skipped: number
  cancelled: number
  interrupted: boolean
  concurrency: number
  seconds: number
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString())

export function itemRecord(item: BulkItem, runId: string, action: string): BulkItemRecord {
  return {
    type: 'item',
    runId,
    action,
    connectionId: item.connectionId,
    connectionName: item.name && item.name !== item.connectionId ? item.name : null,
    state: item.state,
    ok: item.state === 'done',
    reason: item.reason ?? null,
    detail: item.detail ?? {},
    startedAt: iso(item.startedAt),
    endedAt: iso(item.endedAt),
    seconds: item.startedAt !== undefined && item.endedAt !== undefined ? (item.endedAt - item.startedAt) / 1000 : null,
  }
}

const STATE_COLOUR: Partial<Record<BulkItemState, Colour>> = { done: 'green', failed: 'red', skipped: 'yellow', cancelled: 'dim' }

/** The state names are padded to one width, so the names line up in a column. */
const STATE_WIDTH = 'cancelled'.length

function itemLine(out: Output, r: BulkItemRecord): string {
  const who = r.connectionName ? `${r.connectionName} (${r.connectionId})` : r.connectionId
  const time = r.seconds === null ? '' : `  ${r.seconds.toFixed(1)} s`
  const detail = Object.entries(r.detail)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')
  const why = r.reason ? `  ${r.reason}` : ''
  return `${out.paint(STATE_COLOUR[r.state], r.state.padEnd(STATE_WIDTH))}  ${who}${time}${why}${detail ? `  ${detail}` : ''}`
}

export interface BulkPrinter {
  item(record: BulkItemRecord): void
  summary(summary: BulkSummary): void
}

export function createBulkPrinter(out: Output, json: boolean): BulkPrinter {
  return {
    item(record) {
      if (json) out.jsonLine(record)
      // Items that never started are counted in the summary, not listed one by one (a cancelled run of 500).
      else if (record.state !== 'cancelled') out.line(itemLine(out, record))
    },
    summary(s) {
      if (json) return out.jsonLine(s)
      const parts = [`${s.done} done`, `${s.failed} failed`, `${s.skipped} skipped`]
      if (s.cancelled > 0) parts.push(`${s.cancelled} not started (cancelled)`)
      const line = `${s.action} on ${s.total} ${s.total === 1 ? 'connection' : 'connections'} in ${s.seconds.toFixed(1)} s: ${parts.join(', ')}.`
      out.line(out.paint(s.failed > 0 || s.skipped > 0 ? 'red' : 'bold', line))
      if (s.interrupted) out.note('Interrupted (Ctrl-C): no new work was started; the actions already running finished.')
    },
  }
}

/** The most names the plan lists before "and N more" (the count is always exact). */
const PLAN_NAMES = 20

/** What a run will do, said before it starts: how many, which, the cap, the balance where money is spent. */
export function printPlan(out: Output, what: string, preview: BulkPreview): void {
  const n = preview.count
  out.note(`iproxy bulk: ${what} on ${n} ${n === 1 ? 'connection' : 'connections'}, ${preview.concurrency} at a time.`)
  const shown = preview.names.slice(0, PLAN_NAMES).join(', ')
  if (shown) out.note(`  ${shown}${preview.names.length > PLAN_NAMES ? `, and ${preview.names.length - PLAN_NAMES} more` : ''}`)
  if (preview.unknownIds.length > 0) out.note(`  Not in this account (not run): ${preview.unknownIds.map((id) => `"${id}"`).join(', ')}`)
  if (preview.balance) out.note(`  Balance now: ${preview.balance.amount.toFixed(2)} ${preview.balance.currency}.`)
}
