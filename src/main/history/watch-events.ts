/**
 * The fleet watch's events in the history database (`watch_events`, migration 3): written by the HistoryStore for
 * the watch engine, read newest first for the Activity screen, `iproxy watch` and the alert summaries.
 *
 * An event names its connection by the history's small integer id (as every other table does); its name is read
 * from `connections.name`, the names the history already keeps (app-recording.ts stores them from the connections
 * list). An event that brings a name the history does not have yet leaves it there.
 */
import { WATCH_EVENT_KINDS, type WatchEvent, type WatchEventKind, type WatchEventsQuery } from '../../shared/watch'
import type { SqlDatabase } from './database'
import { SqlFilter } from './sql-filter'

/** Events returned by a query unless it says otherwise. */
export const DEFAULT_WATCH_EVENTS_LIMIT = 500

interface EventRow {
  id: number
  at: number
  kind: string
  connection_id: string | null
  name: string | null
  data: string | null
}

const KINDS = new Set<string>(WATCH_EVENT_KINDS)

export class WatchEventsTable {
  private readonly s: ReturnType<typeof prepare>

  constructor(private readonly db: SqlDatabase) {
    this.s = prepare(db)
  }

  /** Stores the events in one transaction; returns them with their ids (the input is not changed). */
  write(events: readonly WatchEvent[]): WatchEvent[] {
    events.forEach((e, i) => {
      if (!KINDS.has(e.kind)) throw new Error(`watch event ${i + 1}: "${String(e.kind)}" is not an event kind`)
      if (!Number.isFinite(e.at)) throw new Error(`watch event ${i + 1} (${e.kind}): the time is not a number`)
    })
    return this.db.transaction(() =>
      events.map((e) => {
        let connection: number | null = null
        if (e.connectionId) {
          this.s.addConnection.run(e.connectionId, e.at)
          connection = this.s.findConnection.get(e.connectionId)!.id
          if (e.connectionName) this.s.nameIfUnnamed.run(e.connectionName, connection)
        }
        const data = e.data && Object.keys(e.data).length > 0 ? JSON.stringify(e.data) : null
        const id = this.s.add.run(e.at, e.kind, connection, data).lastInsertRowid
        return { ...e, id }
      }),
    )
  }

  /** Newest first; `truncated` when more events matched than the limit. */
  query(query: WatchEventsQuery): { events: WatchEvent[]; truncated: boolean } {
    const limit = query.limit ?? DEFAULT_WATCH_EVENTS_LIMIT
    if (query.kinds?.length === 0) return { events: [], truncated: false }
    const filter = new SqlFilter().range('e.at', query.from, query.to)
    if (query.connectionId !== undefined) {
      // Through the (connection, at) index: the connection's row id first.
      const row = this.s.findConnection.get(query.connectionId)
      if (!row) return { events: [], truncated: false }
      filter.where('e.connection = ?', row.id)
    }
    if (query.kinds !== undefined) filter.oneOf('e.kind', query.kinds)
    const sql = `SELECT e.id, e.at, e.kind, c.connection_id, c.name, e.data
      FROM watch_events e LEFT JOIN connections c ON c.id = e.connection
      ${filter.sql}
      ORDER BY e.at DESC, e.id DESC LIMIT ?`
    const rows = this.db.prepare<EventRow>(sql).all(...filter.params, limit + 1)
    const truncated = rows.length > limit
    return { events: rows.slice(0, limit).map(toEvent), truncated }
  }
}

function toEvent(row: EventRow): WatchEvent {
  const event: WatchEvent = { id: row.id, kind: row.kind as WatchEventKind, at: row.at }
  if (row.connection_id !== null) event.connectionId = row.connection_id
  if (row.name !== null) event.connectionName = row.name
  if (row.data !== null) {
    try {
      event.data = JSON.parse(row.data) as Record<string, string | number | boolean>
    } catch {
      // Written by this file as JSON; a row that is not (a hand-edited file) is shown without its facts.
    }
  }
  return event
}

function prepare(db: SqlDatabase) {
  return {
    findConnection: db.prepare<{ id: number }>('SELECT id FROM connections WHERE connection_id = ?'),
    addConnection: db.prepare('INSERT OR IGNORE INTO connections (connection_id, first_seen) VALUES (?, ?)'),
    nameIfUnnamed: db.prepare('UPDATE connections SET name = ? WHERE id = ? AND name IS NULL'),
    add: db.prepare('INSERT INTO watch_events (at, kind, connection, data) VALUES (?, ?, ?, ?)'),
  }
}
