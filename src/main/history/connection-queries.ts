/**
 * Per-connection and per-proxy reads: the latency chart of the History tab (checks averaged into buckets so a
 * 90-day range is a few hundred points, not 8,640), the list of a connection's exit IPs with first/last seen, and
 * a proxy's most recent checks in the shape health-history.json kept (for the health screen's history dots).
 */
import type { ExitIpSummary, LatencyQuery, LatencySeries, StoredCheckEntry } from '../../shared/history'
import type { SqlDatabase, SqlStatement } from './database'
import { sourcesOf } from './ip-sources'

export const DEFAULT_LATENCY_POINTS = 500

interface BucketRow {
  bucket: number
  checks: number
  failures: number
  avg_ms: number | null
  min_ms: number | null
  max_ms: number | null
}
interface ExitIpRow {
  ip: string
  first_at: number
  last_at: number
  periods: number
  sightings: number
  sources: string
}
interface RecentRow {
  at: number
  status: string
  total_ms: number
  exit_ip: string | null
  ip_mismatch: number | null
  country: string | null
}

export class ConnectionQueries {
  private readonly buckets: SqlStatement<BucketRow>
  private readonly exitIpRows: SqlStatement<ExitIpRow>
  private readonly recent: SqlStatement<RecentRow>

  constructor(db: SqlDatabase) {
    // ?1 connection, ?2 from, ?3 to, ?4 bucket width. Latency figures only over checks that worked.
    this.buckets = db.prepare(
      `SELECT CAST((at - ?2) / ?4 AS INTEGER) AS bucket, count(*) AS checks, sum(status <> 'ok') AS failures,
         avg(CASE WHEN status = 'ok' THEN total_ms10 END) / 10.0 AS avg_ms,
         min(CASE WHEN status = 'ok' THEN total_ms10 END) / 10.0 AS min_ms,
         max(CASE WHEN status = 'ok' THEN total_ms10 END) / 10.0 AS max_ms
       FROM checks
       WHERE proxy IN (SELECT x.id FROM proxies x JOIN connections c ON c.id = x.connection WHERE c.connection_id = ?1) AND at >= ?2 AND at <= ?3
       GROUP BY bucket ORDER BY bucket`,
    )
    this.exitIpRows = db.prepare(
      `SELECT ip, min(first_at) AS first_at, max(last_at) AS last_at, count(*) AS periods, sum(sightings) AS sightings,
         group_concat(DISTINCT sources) AS sources
       FROM ip_periods WHERE connection = (SELECT id FROM connections WHERE connection_id = ?)
       GROUP BY ip ORDER BY last_at DESC`,
    )
    this.recent = db.prepare(
      `SELECT at, status, total_ms10 / 10.0 AS total_ms, exit_ip, ip_mismatch, country FROM checks
       WHERE proxy = (SELECT id FROM proxies WHERE key = ?) ORDER BY at DESC LIMIT ?`,
    )
  }

  latency(query: LatencyQuery): LatencySeries {
    const maxPoints = query.maxPoints ?? DEFAULT_LATENCY_POINTS
    const bucketMs = Math.max(1, Math.ceil((query.to - query.from + 1) / maxPoints))
    const points = this.buckets.all(query.connectionId, query.from, query.to, bucketMs).map((row) => ({
      at: query.from + row.bucket * bucketMs,
      checks: row.checks,
      failures: row.failures,
      ...(row.avg_ms !== null ? { avgMs: Math.round(row.avg_ms * 10) / 10, minMs: row.min_ms!, maxMs: row.max_ms! } : {}),
    }))
    return { bucketMs, points }
  }

  exitIps(connectionId: string): ExitIpSummary[] {
    return this.exitIpRows.all(connectionId).map((row) => ({
      ip: row.ip,
      firstSeen: row.first_at,
      lastSeen: row.last_at,
      periods: row.periods,
      sightings: row.sightings,
      sources: sourcesOf(String(row.sources).split(',').reduce((bits, part) => bits | Number(part), 0)),
    }))
  }

  /** The last `limit` checks of each key, oldest first (as health-history.json listed them). */
  recentChecks(keys: readonly string[], limit: number): Record<string, StoredCheckEntry[]> {
    const out: Record<string, StoredCheckEntry[]> = {}
    for (const key of keys) {
      const rows = this.recent.all(key, limit)
      if (rows.length === 0) continue
      out[key] = rows.reverse().map((row) => {
        const entry: StoredCheckEntry = { status: row.status, checkedAt: new Date(row.at).toISOString(), totalMs: row.total_ms }
        if (row.exit_ip) entry.exitIp = row.exit_ip
        if (row.ip_mismatch !== null) entry.ipMismatch = row.ip_mismatch === 1
        if (row.country) entry.country = row.country
        return entry
      })
    }
    return out
  }
}
