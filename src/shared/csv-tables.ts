/**
 * Tables other than proxy lists as CSV files for spreadsheets: the account's connections, a connection's IP
 * history and the audit trail (bulk runs and rule runs, one row per step). Written with the proxy lists' CSV quoting (proxy-list/format.ts), and every cell goes through the same
 * formula neutralising: nothing here has to stay byte-exact the way a proxy line does, and names, descriptions and
 * phone models are typed by people (or phones) we do not control. Pure TypeScript: main, command line and tests.
 */
import type { AuditEntry } from './audit'
import type { Connection, ConnectionStatus, IpHistoryEntry } from './iproxy'
import { csvField, csvTextCell } from './proxy-list/format'

export const CONNECTION_CSV_COLUMNS = [
  'id',
  'name',
  'description',
  'status',
  'country',
  'city',
  'server_id',
  'plan_id',
  'plan_expires_at',
  'auto_prolong',
  'manufacturer',
  'model',
  'android_version',
  'app_version',
  'last_activity_at',
  'created_at',
] as const

export const IP_HISTORY_CSV_COLUMNS = ['date', 'ipv4', 'ipv6'] as const

export const AUDIT_CSV_COLUMNS = [
  'run_id',
  'run_started_at',
  'kind',
  'by',
  'title',
  'rule_id',
  'connection_id',
  'connection_name',
  'step',
  'at',
  'ended_at',
  'outcome',
  'error',
  'detail',
] as const

type Cell = string | number | boolean | undefined

function cell(value: Cell): string {
  if (value === undefined) return ''
  if (typeof value === 'number') return csvField(value)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return csvTextCell(value)
}

/** A header and one line per row, `\n` line ends and a final newline (as the proxy CSV). */
function table(columns: readonly string[], rows: readonly Cell[][]): string {
  return [columns.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n'
}

/** The connections, one row each, in the order given; `statuses` (from GET /connections/statuses) adds their state. */
export function connectionsCsv(connections: readonly Connection[], statuses: readonly ConnectionStatus[] = []): string {
  const statusOf = new Map(statuses.map((s) => [s.connection_id, s.online_status]))
  return table(
    CONNECTION_CSV_COLUMNS,
    connections.map((c) => {
      const info = c.basic_info
      const device = c.app_data?.device_info
      const plan = c.plan_info?.active_plan
      return [
        c.id,
        info.name,
        info.description,
        statusOf.get(c.id),
        info.server_geo?.country,
        info.server_geo?.city,
        info.server_id,
        plan?.id,
        plan?.expires_at,
        c.settings.prolongation_enabled,
        device?.manufacturer,
        device?.model,
        device?.android_version,
        c.app_data?.app_version,
        c.app_data?.last_activity_at,
        info.created_at,
      ]
    }),
  )
}

/** A connection's IP history, one row per entry as the API gives them. */
export function ipHistoryCsv(entries: readonly IpHistoryEntry[]): string {
  return table(
    IP_HISTORY_CSV_COLUMNS,
    entries.map((e) => [e.date, e.ipv4, e.ipv6]),
  )
}

/** A time in ms as ISO 8601 (UTC), what spreadsheets read as a date. */
const isoTime = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString())

/**
 * The audit trail, one row per step with its run's columns repeated (a spreadsheet filters and groups by them);
 * a run with no step (every connection it named was unknown) is one row with the step's columns empty. A step's
 * outcome is its own; its detail is `key=value` pairs joined by `; `.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows: Cell[][] = []
  for (const e of entries) {
    const run: Cell[] = [e.id, isoTime(e.startedAt), e.kind, e.by, e.title, e.ruleId]
    if (e.steps.length === 0) rows.push([...run, undefined, undefined, undefined, undefined, undefined, e.outcome, undefined, flatText(e.detail)])
    for (const s of e.steps) {
      rows.push([...run, s.connectionId, s.connectionName, s.step, isoTime(s.at), isoTime(s.endedAt), s.outcome, s.error, flatText(s.detail)])
    }
  }
  return table(AUDIT_CSV_COLUMNS, rows)
}

function flatText(detail: Record<string, string | number | boolean> | undefined): string | undefined {
  if (!detail) return undefined
  const pairs = Object.entries(detail).map(([k, v]) => `${k}=${String(v)}`)
  return pairs.length > 0 ? pairs.join('; ') : undefined
}
