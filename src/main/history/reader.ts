/**
 * Every read of the history database, over one open connection: what the board, the History tab, the IP-reuse
 * view and the command line ask. The app reads through its HistoryStore (which holds one of these); the command
 * line opens one read-only with `openHistoryReader`, and reads while the app writes.
 */
import { DEFAULT_IP_REUSE_WINDOW_MS } from '../../shared/history'
import type { BoardRow, ExitIpSummary, HistoryRange, IpReuse, LatencySeries, StoredCheckEntry, Timeline, TimelineQuery } from '../../shared/history'
import type { AuditEntry, AuditQuery } from '../../shared/audit'
import { AuditQueries } from './audit'
import { BoardQuery } from './board'
import { ConnectionQueries } from './connection-queries'
import type { SqlDatabase } from './database'
import { IpLedger } from './ledger'
import { openHistoryReadOnly } from './open'
import { StoredSettings } from './settings'
import { TimelineQueries } from './timeline'

export class HistoryReader {
  private readonly ledger: IpLedger
  private readonly boardQuery: BoardQuery
  private readonly timeline: TimelineQueries
  private readonly perConnection: ConnectionQueries
  private readonly auditQueries: AuditQueries
  readonly settings: StoredSettings

  constructor(readonly db: SqlDatabase) {
    this.ledger = new IpLedger(db)
    this.boardQuery = new BoardQuery(db, this.ledger)
    this.timeline = new TimelineQueries(db)
    this.perConnection = new ConnectionQueries(db)
    this.auditQueries = new AuditQueries(db)
    this.settings = new StoredSettings(db)
  }

  /** One row per connection the history knows. */
  board(now: number, reuseWindowMs = DEFAULT_IP_REUSE_WINDOW_MS): BoardRow[] {
    return this.boardQuery.rows(now, reuseWindowMs)
  }

  /** Events of one connection or (without connectionId) the fleet, newest first. */
  events(query: TimelineQuery): Timeline {
    return this.timeline.events(query)
  }

  connectionTimeline(connectionId: string, range: HistoryRange, limit?: number): Timeline {
    return this.timeline.events({ connectionId, ...range, ...(limit ? { limit } : {}) })
  }

  latencySeries(connectionId: string, range: HistoryRange, maxPoints?: number): LatencySeries {
    return this.perConnection.latency({ connectionId, ...range, ...(maxPoints ? { maxPoints } : {}) })
  }

  exitIps(connectionId: string): ExitIpSummary[] {
    return this.perConnection.exitIps(connectionId)
  }

  /** IPs shared by connections, or back on one connection, among those seen in the last `windowMs`. */
  ipReuse(now: number, windowMs = DEFAULT_IP_REUSE_WINDOW_MS): IpReuse[] {
    return this.ledger.reuse(now - windowMs, windowMs)
  }

  recentChecks(keys: readonly string[], limit: number): Record<string, StoredCheckEntry[]> {
    return this.perConnection.recentChecks(keys, limit)
  }

  /** Bulk runs and rule runs, newest first, with their steps (of one connection when asked). */
  audit(query: AuditQuery): { entries: AuditEntry[]; truncated: boolean } {
    return this.auditQueries.query(query)
  }

  retentionDays(): number {
    return this.settings.retentionDays()
  }

  close(): void {
    this.db.close()
  }
}

/** For the command line: a reader on the app's database, read-only. Throws HistoryFileError when there is none. */
export function openHistoryReader(path: string): HistoryReader {
  return new HistoryReader(openHistoryReadOnly(path))
}
