/**
 * The IP ledger: exit IPs that came back on the same connection within the window (a carrier handing the same
 * address back, defeating a change of IP), and exit IPs in use on two connections at overlapping times (two
 * phones behind one address). Both compare the stretches in `ip_periods`.
 *
 * Stretches are known only at the moments something looked (a check every few minutes), so two stretches count
 * as overlapping when they come within SHARED_SLACK_MS of each other: two phones checked a minute apart in one
 * batch, both with the same address, are sharing it.
 */
import type { IpPeriod, IpReuse } from '../../shared/history'
import type { SqlDatabase, SqlStatement } from './database'

export const SHARED_SLACK_MS = 30 * 60_000

interface PairRow {
  ip: string
  a_id: number
  a_conn: string
  a_name: string | null
  a_first: number
  a_last: number
  b_id: number
  b_conn: string
  b_name: string | null
  b_first: number
  b_last: number
}

const PAIR_COLUMNS = `a.ip AS ip,
  a.id AS a_id, ca.connection_id AS a_conn, ca.name AS a_name, a.first_at AS a_first, a.last_at AS a_last,
  b.id AS b_id, cb.connection_id AS b_conn, cb.name AS b_name, b.first_at AS b_first, b.last_at AS b_last`

export class IpLedger {
  private readonly shared: SqlStatement<PairRow>
  private readonly repeats: SqlStatement<PairRow>
  private readonly repeatedConnections: SqlStatement<{ id: string }>

  constructor(db: SqlDatabase) {
    // ?1 since, ?2 slack: every stretch seen since ?1, paired with any stretch of the same IP on another connection.
    this.shared = db.prepare<PairRow>(
      `SELECT ${PAIR_COLUMNS}
       FROM ip_periods a
       JOIN ip_periods b ON b.ip = a.ip AND b.connection <> a.connection AND b.first_at <= a.last_at + ?2 AND a.first_at <= b.last_at + ?2
       JOIN connections ca ON ca.id = a.connection
       JOIN connections cb ON cb.id = b.connection
       WHERE a.last_at >= ?1`,
    )
    // ?1 since, ?2 window: every stretch seen since ?1 whose IP the same connection had before, at most ?2 earlier
    // (returned_after picks them without a search), with the earlier stretches that make it a repeat.
    this.repeats = db.prepare<PairRow>(
      `SELECT ${PAIR_COLUMNS}
       FROM ip_periods b
       JOIN ip_periods a ON a.ip = b.ip AND a.connection = b.connection AND a.first_at < b.first_at AND a.last_at >= b.first_at - ?2
       JOIN connections ca ON ca.id = a.connection
       JOIN connections cb ON cb.id = b.connection
       WHERE b.last_at >= ?1 AND b.returned_after <= ?2`,
    )
    this.repeatedConnections = db.prepare('SELECT DISTINCT c.connection_id AS id FROM ip_periods p JOIN connections c ON c.id = p.connection WHERE p.last_at >= ?1 AND p.returned_after <= ?2')
  }

  /** The connections the board flags: with a shared IP, and with an IP back within the window, since `since`. */
  flagged(since: number, windowMs: number): { shared: Set<string>; repeated: Set<string> } {
    const shared = new Set<string>()
    for (const row of this.shared.all(since, SHARED_SLACK_MS)) shared.add(row.a_conn).add(row.b_conn)
    return { shared, repeated: new Set(this.repeatedConnections.all(since, windowMs).map((row) => row.id)) }
  }

  /** Shared and repeated IPs among the stretches seen since `since`; shared first, then by IP. */
  reuse(since: number, windowMs: number): IpReuse[] {
    const out = [...group('shared', this.shared.all(since, SHARED_SLACK_MS)), ...group('repeat', this.repeats.all(since, windowMs))]
    return out.sort((x, y) => (x.kind === y.kind ? x.ip.localeCompare(y.ip) : x.kind === 'shared' ? -1 : 1))
  }
}

/** Pairs of stretches → one entry per IP (shared) or per IP and connection (repeat), stretches listed once each. */
function group(kind: IpReuse['kind'], rows: PairRow[]): IpReuse[] {
  const entries = new Map<string, { ip: string; connections: Map<string, { name?: string; periods: Map<number, IpPeriod> }> }>()
  for (const row of rows) {
    const key = kind === 'shared' ? row.ip : `${row.ip}\n${row.a_conn}`
    let entry = entries.get(key)
    if (!entry) entries.set(key, (entry = { ip: row.ip, connections: new Map() }))
    for (const [id, conn, name, first, last] of [
      [row.a_id, row.a_conn, row.a_name, row.a_first, row.a_last],
      [row.b_id, row.b_conn, row.b_name, row.b_first, row.b_last],
    ] as const) {
      let c = entry.connections.get(conn)
      if (!c) entry.connections.set(conn, (c = { ...(name ? { name } : {}), periods: new Map() }))
      c.periods.set(id, { firstSeen: first, lastSeen: last })
    }
  }
  return [...entries.values()].map((entry) => ({
    ip: entry.ip,
    kind,
    // The connection that had the IP first comes first.
    connections: [...entry.connections]
      .map(([connectionId, c]) => ({
        connectionId,
        ...(c.name ? { name: c.name } : {}),
        periods: [...c.periods.values()].sort((p, q) => p.firstSeen - q.firstSeen),
      }))
      .sort((x, y) => x.periods[0]!.firstSeen - y.periods[0]!.firstSeen || x.connectionId.localeCompare(y.connectionId)),
  }))
}
