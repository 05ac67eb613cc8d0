/**
 * The fleet board's query: one row per connection with its status and since when, uptime over 24 h and 7 days,
 * its last check, its IP changes in 24 h and the IP-ledger warnings. A handful of statements, each one pass over
 * an index (no per-connection round trips from JavaScript), merged by connection here.
 *
 * Uptime is the share of time spent `online` over the part of the window the app has seen: from the window's
 * start, or from the first status the app stored if that is later. Every other status (offline, nodata,
 * flapping) counts as not up. The status in effect at the window's start is the last change before it.
 */
import { DAY_MS, type BoardRow } from '../../shared/history'
import type { SqlDatabase, SqlStatement } from './database'
import type { IpLedger } from './ledger'

interface ConnectionRow {
  id: number
  connection_id: string
  name: string | null
  status: string | null
  since: number | null
}
interface UptimeRow {
  connection: number
  known_day: number
  up_day: number
  known_week: number
  up_week: number
}
interface LastCheckRow {
  connection: number
  at: number
  status: string
  total_ms: number
  exit_ip: string | null
  error: string | null
}

export class BoardQuery {
  private readonly connections: SqlStatement<ConnectionRow>
  private readonly uptime: SqlStatement<UptimeRow>
  private readonly lastChecks: SqlStatement<LastCheckRow>
  private readonly ipChanges: SqlStatement<{ connection: number; changes: number }>
  private readonly latestIps: SqlStatement<{ connection: number; ip: string; last_at: number }>

  constructor(
    db: SqlDatabase,
    private readonly ledger: IpLedger,
  ) {
    this.connections = db.prepare(
      `SELECT c.id, c.connection_id, c.name, s.status, s.at AS since
       FROM connections c
       LEFT JOIN status_changes s ON s.id = (SELECT id FROM status_changes WHERE connection = c.id ORDER BY at DESC LIMIT 1)`,
    )
    // ?1 now, ?2 a day ago, ?3 a week ago. Each status lasts from its change to `until` (or now), clipped to the
    // window. CROSS JOIN keeps connections the outer loop: one index range per connection, already grouped.
    this.uptime = db.prepare(
      `SELECT c.id AS connection,
         sum(max(0, min(coalesce(s.until, ?1), ?1) - max(s.at, ?2))) AS known_day,
         sum(CASE WHEN s.status = 'online' THEN max(0, min(coalesce(s.until, ?1), ?1) - max(s.at, ?2)) ELSE 0 END) AS up_day,
         sum(max(0, min(coalesce(s.until, ?1), ?1) - max(s.at, ?3))) AS known_week,
         sum(CASE WHEN s.status = 'online' THEN max(0, min(coalesce(s.until, ?1), ?1) - max(s.at, ?3)) ELSE 0 END) AS up_week
       FROM connections c
       CROSS JOIN status_changes s ON s.connection = c.id
         AND s.at >= coalesce((SELECT max(p.at) FROM status_changes p WHERE p.connection = c.id AND p.at <= ?3), 0)
         AND s.at <= ?1
       GROUP BY c.id`,
    )
    // The last check of each proxy of a connection (one index probe each); the latest per connection is kept below.
    this.lastChecks = db.prepare(
      `SELECT x.connection, k.at, k.status, k.total_ms10 / 10.0 AS total_ms, k.exit_ip, k.error
       FROM proxies x
       JOIN checks k ON k.id = (SELECT id FROM checks WHERE proxy = x.id AND at <= ?1 ORDER BY at DESC LIMIT 1)
       WHERE x.connection IS NOT NULL`,
    )
    // A stretch that began in the last day is a change of IP, unless it is the connection's very first.
    this.ipChanges = db.prepare(
      `SELECT p.connection, count(*) AS changes
       FROM ip_periods p
       WHERE p.first_at > ?2 AND p.first_at <= ?1
         AND EXISTS (SELECT 1 FROM ip_periods q WHERE q.connection = p.connection AND q.family = p.family AND q.first_at < p.first_at)
       GROUP BY p.connection`,
    )
    // The newest stretch of each IP family (one index probe each); the one seen last is the connection's exit IP.
    this.latestIps = db.prepare(
      `SELECT c.id AS connection, p.ip, p.last_at
       FROM connections c
       CROSS JOIN (SELECT 4 AS family UNION ALL SELECT 6) f
       JOIN ip_periods p ON p.id = (SELECT id FROM ip_periods WHERE connection = c.id AND family = f.family AND first_at <= ?1 ORDER BY first_at DESC LIMIT 1)`,
    )
  }

  rows(now: number, reuseWindowMs: number): BoardRow[] {
    const day = now - DAY_MS
    const week = now - 7 * DAY_MS
    const uptime = new Map(this.uptime.all(now, day, week).map((row) => [row.connection, row]))
    const lastChecks = new Map<number, LastCheckRow>()
    for (const row of this.lastChecks.all(now)) {
      const seen = lastChecks.get(row.connection)
      if (!seen || row.at > seen.at) lastChecks.set(row.connection, row)
    }
    const ipChanges = new Map(this.ipChanges.all(now, day).map((row) => [row.connection, row.changes]))
    const latestIps = new Map<number, { ip: string; last_at: number }>()
    for (const row of this.latestIps.all(now)) {
      const seen = latestIps.get(row.connection)
      if (!seen || row.last_at > seen.last_at) latestIps.set(row.connection, row)
    }
    const { shared, repeated } = this.ledger.flagged(now - reuseWindowMs, reuseWindowMs)
    return this.connections.all().map((c) => {
      const up = uptime.get(c.id)
      const check = lastChecks.get(c.id)
      const row: BoardRow = {
        connectionId: c.connection_id,
        ipChanges24h: ipChanges.get(c.id) ?? 0,
        repeatedIp: repeated.has(c.connection_id),
        sharedIp: shared.has(c.connection_id),
      }
      if (c.name) row.name = c.name
      if (c.status !== null && c.since !== null) {
        row.status = c.status
        row.statusSince = c.since
      }
      if (up && up.known_day > 0) row.uptime24h = up.up_day / up.known_day
      if (up && up.known_week > 0) row.uptime7d = up.up_week / up.known_week
      if (check) {
        row.lastCheck = { at: check.at, status: check.status, ok: check.status === 'ok', totalMs: check.total_ms }
        if (check.exit_ip) row.lastCheck.exitIp = check.exit_ip
        if (check.error) row.lastCheck.error = check.error
      }
      const ip = latestIps.get(c.id)
      if (ip) row.exitIp = { ip: ip.ip, lastSeen: ip.last_at }
      return row
    })
  }
}
