/**
 * History as a list of events, newest first: status changes, checks, new exit IPs and actions, for one connection
 * (its History tab) or the whole fleet (`iproxy history`). Each kind is read with its own statement over its
 * (connection, at) or (at) index (checks: their proxies' (proxy, at)), limited to the events wanted, and the
 * lists are merged here.
 */
import type { TimelineEvent, Timeline, TimelineQuery, HistoryKind, ActionBy, ActionOutcome } from '../../shared/history'
import { HISTORY_KINDS } from '../../shared/history'
import type { SqlDatabase, SqlStatement, SqlValue } from './database'
import { sourcesOf } from './ip-sources'

export const DEFAULT_TIMELINE_LIMIT = 2_000

type Row = Record<string, SqlValue>

/** Per kind: the columns and table it is read from, and how a row becomes an event. */
const OF_CONNECTION = 'e.connection = (SELECT id FROM connections WHERE connection_id = ?)'

const KINDS: Record<HistoryKind, { select: string; from: string; where?: string; time: string; ofConnection?: string; event(row: Row): TimelineEvent }> = {
  status: {
    select: 'e.at, e.status',
    from: 'status_changes e',
    time: 'at',
    event: (row) => ({ kind: 'status', at: row.at as number, status: row.status as string }),
  },
  check: {
    select: 'e.at, e.status, e.total_ms10 / 10.0 AS total_ms, e.exit_ip, e.error, x.key',
    from: 'checks e JOIN proxies x ON x.id = e.proxy',
    time: 'at',
    ofConnection: 'e.proxy IN (SELECT p.id FROM proxies p JOIN connections c ON c.id = p.connection WHERE c.connection_id = ?)',
    event: (row) => ({
      kind: 'check',
      at: row.at as number,
      proxyKey: row.key as string,
      status: row.status as string,
      ok: row.status === 'ok',
      totalMs: row.total_ms as number,
      ...(row.exit_ip ? { exitIp: row.exit_ip as string } : {}),
      ...(row.error ? { error: row.error as string } : {}),
    }),
  },
  ip: {
    select: 'e.first_at AS at, e.last_at, e.ip, e.sources',
    from: 'ip_periods e',
    time: 'first_at',
    event: (row) => ({ kind: 'ip', at: row.at as number, ip: row.ip as string, lastSeen: row.last_at as number, sources: sourcesOf(row.sources as number) }),
  },
  action: {
    select: 'e.at, e.kind, e.detail, e.outcome, e.error, e.by, r.uid AS run_uid',
    // A run's steps that never reached the phone (skipped, cancelled) are the audit's (audit.ts), not the timeline's.
    from: 'actions e LEFT JOIN runs r ON r.id = e.run',
    where: "e.outcome IN ('ok', 'failed')",
    time: 'at',
    event: (row) => ({
      kind: 'action',
      at: row.at as number,
      action: row.kind as string,
      ...(row.detail !== null ? { detail: parseDetail(row.detail as string) } : {}),
      outcome: row.outcome as ActionOutcome,
      ...(row.error ? { error: row.error as string } : {}),
      by: row.by as ActionBy,
      ...(row.run_uid !== null ? { runId: row.run_uid as string } : {}),
    }),
  },
}

export class TimelineQueries {
  private readonly statements = new Map<string, SqlStatement<Row>>()

  constructor(private readonly db: SqlDatabase) {}

  events(query: TimelineQuery): Timeline {
    const limit = query.limit ?? DEFAULT_TIMELINE_LIMIT
    const kinds = query.kinds ?? HISTORY_KINDS
    const events: TimelineEvent[] = []
    for (const kind of kinds) {
      const rows =
        query.connectionId === undefined
          ? this.statement(kind, false).all(query.from, query.to, limit + 1)
          : this.statement(kind, true).all(query.connectionId, query.from, query.to, limit + 1)
      for (const row of rows) {
        const event = KINDS[kind].event(row)
        if (query.connectionId === undefined && row.connection_id !== null) event.connectionId = row.connection_id as string
        events.push(event)
      }
    }
    events.sort((a, b) => b.at - a.at)
    return { events: events.slice(0, limit), truncated: events.length > limit }
  }

  private statement(kind: HistoryKind, forConnection: boolean): SqlStatement<Row> {
    const key = `${kind}:${forConnection}`
    let statement = this.statements.get(key)
    if (!statement) {
      const k = KINDS[kind]
      statement = this.db.prepare<Row>(
        forConnection
          ? `SELECT ${k.select} FROM ${k.from}
             WHERE ${k.ofConnection ?? OF_CONNECTION} AND e.${k.time} >= ? AND e.${k.time} <= ?${k.where ? ` AND ${k.where}` : ''}
             ORDER BY e.${k.time} DESC LIMIT ?`
          : `SELECT ${k.select}, c.connection_id FROM ${k.from} LEFT JOIN connections c ON c.id = e.connection
             WHERE e.${k.time} >= ? AND e.${k.time} <= ?${k.where ? ` AND ${k.where}` : ''}
             ORDER BY e.${k.time} DESC LIMIT ?`,
      )
      this.statements.set(key, statement)
    }
    return statement
  }
}

/** Details are stored as JSON (a string or an object); anything else is shown as the text it is. */
function parseDetail(text: string): string | Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value)) ? (value as string | Record<string, unknown>) : text
  } catch {
    return text
  }
}
