/**
 * Writes to the history database: checks, status changes, exit-IP sightings, actions, connection names. One
 * instance per open database, used only by the HistoryStore (the one writer in main); every call is one
 * transaction, so a batch is stored whole or not at all.
 *
 * Input is checked before anything is written: a record that does not fit throws an error naming it, and the
 * batch it came in is left unwritten (the caller still has it).
 */
import type { ActionRecord, CheckRecord, IpSource, StatusSnapshotEntry, StoredCheckEntry } from '../../shared/history'
import { isIpAddress } from '../../shared/validators'
import type { SqlDatabase } from './database'
import { SOURCE_BITS } from './ip-sources'

interface ProxyRow {
  id: number
  connection: number | null
}

/** Object keys whose values never reach the file (an action's detail may carry new proxy credentials). */
const SECRET_KEY = /pass|api_?key|token|secret/i

export class HistoryRecorder {
  private readonly connectionIds = new Map<string, number>()
  private readonly proxies = new Map<string, ProxyRow>()
  /** The latest IP stretch of each connection and family (`<row id>:<4|6>`), null when it has none. */
  private readonly latestPeriods = new Map<string, { id: number; ip: string; first: number; last: number } | null>()
  /** The last stored status of each connection (its row id → status and time). */
  private readonly statuses = new Map<number, { id: number; status: string; at: number } | null>()

  private readonly s: Statements

  constructor(private readonly db: SqlDatabase) {
    this.s = prepareStatements(db)
  }

  /** Stores a batch of check results (and the exit IPs they saw) in one transaction. */
  recordChecks(batch: readonly CheckRecord[]): number {
    const times = batch.map((record, index) => {
      const at = Date.parse(record.result.checkedAt)
      if (!record.key) throw new Error(`check ${index + 1}: the proxy key is empty`)
      if (!Number.isFinite(at)) throw new Error(`check ${index + 1} (${record.key}): checkedAt "${record.result.checkedAt}" is not a date`)
      if (!Number.isFinite(record.result.timings.totalMs)) throw new Error(`check ${index + 1} (${record.key}): timings.totalMs is not a number`)
      const ip = record.result.exitIp
      if (ip !== undefined && !isIpAddress(ip)) throw new Error(`check ${index + 1} (${record.key}): exit IP "${ip}" is not an IP address`)
      return at
    })
    return this.write(() => {
      const sightings: Array<[connection: number, ip: string, at: number]> = []
      batch.forEach((record, index) => {
        const at = times[index]!
        const connection = record.connectionId ? this.connection(record.connectionId, at) : null
        const proxy = this.proxy(record.key, connection)
        const r = record.result
        this.s.addCheck.run(
          proxy,
          connection,
          at,
          r.status,
          r.status === 'ok' ? null : (r.error ?? null),
          tenths(r.timings.connectMs),
          tenths(r.timings.handshakeMs),
          tenths(r.timings.firstByteMs),
          tenths(r.timings.totalMs),
          r.exitIp ?? null,
          r.geo?.country ?? null,
          r.geo?.asn ?? null,
          r.ipMismatch === undefined ? null : r.ipMismatch ? 1 : 0,
        )
        if (connection !== null && r.exitIp) sightings.push([connection, r.exitIp, at])
      })
      // Each connection's in time order: a batch's results finish in any order, and stretches are built forwards.
      // A run of sightings of the same IP (a phone's proxies checked together) is written as one: a batch then
      // costs one stretch update per phone instead of one per check.
      sightings.sort((a, b) => a[0] - b[0] || a[2] - b[2])
      for (let i = 0; i < sightings.length; ) {
        const [connection, ip] = sightings[i]!
        const times: number[] = []
        for (; i < sightings.length && sightings[i]![0] === connection && sightings[i]![1] === ip; i++) times.push(sightings[i]![2])
        this.sighting(connection, ip, 'check', times)
      }
      return batch.length
    })
  }

  /**
   * Checks from an older store (health-history.json), which kept no connection: they join their proxy's
   * connection if it is known, or when it becomes known. Entries are valid already (see import-json.ts).
   */
  recordImportedChecks(list: ReadonlyArray<{ key: string; entries: ReadonlyArray<StoredCheckEntry & { at: number }> }>): number {
    return this.write(() => {
      let count = 0
      for (const { key, entries } of list) {
        const proxy = this.proxy(key, null)
        const connection = this.proxies.get(key)?.connection ?? null
        for (const e of entries) {
          const mismatch = e.ipMismatch === undefined ? null : e.ipMismatch ? 1 : 0
          this.s.addCheck.run(proxy, connection, e.at, e.status, null, null, null, null, tenths(e.totalMs), e.exitIp ?? null, e.country ?? null, null, mismatch)
          count++
        }
      }
      return count
    })
  }

  /**
   * Stores what changed in a connections-status answer: a connection whose status differs from the last one
   * stored gets a row, at the time the API says it changed (when that is plausible) or `at`. Returns the count.
   */
  recordStatuses(snapshot: readonly StatusSnapshotEntry[], at: number): number {
    snapshot.forEach((entry, index) => {
      if (!entry.connection_id || !entry.online_status) throw new Error(`status ${index + 1}: connection_id and online_status are required`)
    })
    return this.write(() => {
      let changes = 0
      for (const entry of snapshot) {
        const connection = this.connection(entry.connection_id, at)
        const last = this.lastStatus(connection)
        if (last?.status === entry.online_status) continue
        const said = entry.last_online_status_update ? Date.parse(entry.last_online_status_update) : Number.NaN
        // The API's time of the change, unless it is unknown, in the future, or before the change we already have.
        const changedAt = Number.isFinite(said) && said <= at && said > (last?.at ?? -Infinity) ? said : at
        const id = this.s.addStatus.run(connection, changedAt, entry.online_status).lastInsertRowid
        if (last) this.s.endStatus.run(changedAt, last.id)
        this.statuses.set(connection, { id, status: entry.online_status, at: changedAt })
        changes++
      }
      return changes
    })
  }

  /**
   * One sighting; when it starts a stretch of an IP this connection had before, `returnedAfterMs` is how long ago
   * that IP last left it (the watch's `ip_repeated`).
   */
  recordExitIp(connectionId: string, ip: string, source: IpSource, at: number): { returnedAfterMs?: number } {
    if (!isIpAddress(ip)) throw new Error(`"${ip}" is not an IP address`)
    if (!Number.isFinite(at)) throw new Error('the time of the sighting is not a number')
    const returnedAfter = this.write(() => this.sighting(this.connection(connectionId, at), ip, source, [at]))
    return returnedAfter === undefined ? {} : { returnedAfterMs: returnedAfter }
  }

  /** The Console API's IP history of a connection (`ip_history` entries), as sightings from the API. */
  recordIpHistory(connectionId: string, entries: ReadonlyArray<{ date: string; ipv4?: string; ipv6?: string }>): number {
    const sightings: Array<[string, number]> = []
    for (const entry of entries) {
      const at = Date.parse(entry.date)
      if (!Number.isFinite(at)) throw new Error(`IP history of ${connectionId}: "${entry.date}" is not a date`)
      for (const ip of [entry.ipv4, entry.ipv6]) if (ip && isIpAddress(ip)) sightings.push([ip, at])
    }
    sightings.sort((a, b) => a[1] - b[1])
    return this.write(() => {
      for (const [ip, at] of sightings) this.sighting(this.connection(connectionId, at), ip, 'api', [at])
      return sightings.length
    })
  }

  recordAction(action: ActionRecord, now: number): void {
    if (!action.connectionId || !action.kind) throw new Error('an action needs a connection id and a kind')
    const at = action.at ?? now
    const detail = action.detail === undefined ? null : JSON.stringify(typeof action.detail === 'string' ? action.detail : maskSecretValues(action.detail))
    this.write(() => {
      this.s.addAction.run(this.connection(action.connectionId, at), at, action.kind, detail, action.outcome, action.error ?? null, action.by)
    })
  }

  recordConnectionNames(list: ReadonlyArray<{ connectionId: string; name: string }>, now: number): void {
    this.write(() => {
      for (const { connectionId, name } of list) this.s.nameConnection.run(name, this.connection(connectionId, now), name)
    })
  }

  /** Drops what is cached from the tables (after a failed transaction, or rows deleted by retention). */
  forgetCached(): void {
    this.connectionIds.clear()
    this.proxies.clear()
    this.statuses.clear()
    this.latestPeriods.clear()
  }

  /** Runs one write transaction; a failed one also forgets the ids cached during it (they were rolled back). */
  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)
    } catch (err) {
      this.forgetCached()
      throw err
    }
  }

  private connection(connectionId: string, at: number): number {
    const known = this.connectionIds.get(connectionId)
    if (known !== undefined) return known
    const id = this.s.findConnection.get(connectionId)?.id ?? this.s.addConnection.run(connectionId, at).lastInsertRowid
    this.connectionIds.set(connectionId, id)
    return id
  }

  private proxy(key: string, connection: number | null): number {
    let row = this.proxies.get(key) ?? this.s.findProxy.get(key)
    if (!row) row = { id: this.s.addProxy.run(key, connection).lastInsertRowid, connection }
    else if (connection !== null && row.connection !== connection) {
      this.s.linkProxy.run(connection, row.id)
      if (row.connection === null) this.s.backfillChecks.run(connection, row.id)
      row = { id: row.id, connection }
    }
    this.proxies.set(key, row)
    return row.id
  }

  private lastStatus(connection: number): { id: number; status: string; at: number } | undefined {
    if (!this.statuses.has(connection)) this.statuses.set(connection, this.s.lastStatus.get(connection) ?? null)
    return this.statuses.get(connection) ?? undefined
  }

  /**
   * Sightings of one exit IP on one connection, `times` in order with no other IP seen between them: each extends
   * the stretch of the same IP it falls into or next to, else starts a stretch of its own. Handles sightings out of
   * order (the API's IP history arrives after the checks). Returns the new stretch's `returned_after` when a
   * sighting in order started a stretch of an IP the connection had before.
   */
  private sighting(connection: number, ip: string, source: IpSource, times: readonly number[]): number | undefined {
    const family = ip.includes(':') ? 6 : 4
    const bit = SOURCE_BITS[source]
    const at = times[0]!
    const last = times.at(-1)!
    const count = times.length
    // The usual case, answered from memory: a sighting at or after the start of the connection's latest stretch.
    const key = `${connection}:${family}`
    let latest = this.latestPeriods.get(key)
    if (latest === undefined) {
      const row = this.s.latestPeriod.get(connection, family)
      latest = row ? { id: row.id, ip: row.ip, first: row.first_at, last: row.last_at } : null
      this.latestPeriods.set(key, latest)
    }
    if (latest === null || at >= latest.first) {
      // Every later time of the run lands here too: at or after this stretch's start, the same IP.
      if (latest?.ip === ip) {
        this.s.extendPeriod.run(last, count, bit, latest.id)
        latest.last = Math.max(latest.last, last)
        return undefined
      }
      if (latest === null || at >= latest.last) {
        const previous = this.s.lastSameIp.get(ip, connection, at)?.last_at ?? null
        const id = this.s.addPeriod.run(connection, ip, family, at, last, count, bit, previous === null ? null : at - previous).lastInsertRowid
        this.latestPeriods.set(key, { id, ip, first: at, last })
        return previous === null ? undefined : at - previous
      }
    }
    // Out of order (the API's IP history, or a sighting inside another IP's stretch): one at a time, from the file.
    this.latestPeriods.delete(key)
    for (const time of times) this.sightingOutOfOrder(connection, ip, family, bit, time)
    return undefined
  }

  private sightingOutOfOrder(connection: number, ip: string, family: 4 | 6, bit: number, at: number): void {
    const before = this.s.periodBefore.get(connection, family, at)
    if (before?.ip === ip) {
      this.s.extendPeriod.run(at, 1, bit, before.id)
      this.s.regap.run(ip, connection)
      return
    }
    const after = this.s.periodAfter.get(connection, family, at)
    if (after?.ip === ip) this.s.startPeriodEarlier.run(at, bit, after.id)
    else this.s.addPeriod.run(connection, ip, family, at, at, 1, bit, null)
    // Stretches of this IP on this connection may now come back after a different gap: work them all out again.
    this.s.regap.run(ip, connection)
  }
}

/** A duration in ms as whole tenths of a millisecond (how checks' timings are stored). */
function tenths(value: number): number
function tenths(value: number | undefined): number | null
function tenths(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : Math.round(value * 10)
}

/** An action's detail with the values of secret-looking keys replaced by `***` (the audit's details too). */
export function maskSecretValues(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? '***' : v && typeof v === 'object' && !Array.isArray(v) ? maskSecretValues(v as Record<string, unknown>) : v,
    ]),
  )
}

type Statements = ReturnType<typeof prepareStatements>

function prepareStatements(db: SqlDatabase) {
  return {
    findConnection: db.prepare<{ id: number }>('SELECT id FROM connections WHERE connection_id = ?'),
    addConnection: db.prepare('INSERT INTO connections (connection_id, first_seen) VALUES (?, ?)'),
    nameConnection: db.prepare('UPDATE connections SET name = ? WHERE id = ? AND name IS NOT ?'),
    findProxy: db.prepare<ProxyRow>('SELECT id, connection FROM proxies WHERE key = ?'),
    addProxy: db.prepare('INSERT INTO proxies (key, connection) VALUES (?, ?)'),
    linkProxy: db.prepare('UPDATE proxies SET connection = ? WHERE id = ?'),
    // Checks stored before the proxy's connection was known (an imported file, a pasted line) join it now.
    backfillChecks: db.prepare('UPDATE checks SET connection = ? WHERE proxy = ? AND connection IS NULL'),
    addCheck: db.prepare(
      `INSERT INTO checks (proxy, connection, at, status, error, connect_ms10, handshake_ms10, first_byte_ms10, total_ms10, exit_ip, country, asn, ip_mismatch)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastStatus: db.prepare<{ id: number; status: string; at: number }>('SELECT id, status, at FROM status_changes WHERE connection = ? ORDER BY at DESC LIMIT 1'),
    addStatus: db.prepare('INSERT INTO status_changes (connection, at, status) VALUES (?, ?, ?)'),
    endStatus: db.prepare('UPDATE status_changes SET until = ? WHERE id = ?'),
    latestPeriod: db.prepare<{ id: number; ip: string; first_at: number; last_at: number }>(
      'SELECT id, ip, first_at, last_at FROM ip_periods WHERE connection = ? AND family = ? ORDER BY first_at DESC LIMIT 1',
    ),
    periodBefore: db.prepare<{ id: number; ip: string; last_at: number }>(
      'SELECT id, ip, last_at FROM ip_periods WHERE connection = ? AND family = ? AND first_at <= ? ORDER BY first_at DESC LIMIT 1',
    ),
    periodAfter: db.prepare<{ id: number; ip: string }>(
      'SELECT id, ip FROM ip_periods WHERE connection = ? AND family = ? AND first_at > ? ORDER BY first_at ASC LIMIT 1',
    ),
    extendPeriod: db.prepare('UPDATE ip_periods SET last_at = max(last_at, ?), sightings = sightings + ?, sources = sources | ? WHERE id = ?'),
    startPeriodEarlier: db.prepare('UPDATE ip_periods SET first_at = ?, sightings = sightings + 1, sources = sources | ? WHERE id = ?'),
    addPeriod: db.prepare(
      'INSERT INTO ip_periods (connection, ip, family, first_at, last_at, sightings, sources, returned_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    lastSameIp: db.prepare<{ last_at: number | null }>('SELECT max(last_at) AS last_at FROM ip_periods WHERE ip = ? AND connection = ? AND first_at < ?'),
    regap: db.prepare(
      `UPDATE ip_periods SET returned_after = first_at - (
         SELECT max(p.last_at) FROM ip_periods p WHERE p.ip = ip_periods.ip AND p.connection = ip_periods.connection AND p.first_at < ip_periods.first_at)
       WHERE ip = ?1 AND connection = ?2`,
    ),
    addAction: db.prepare('INSERT INTO actions (connection, at, kind, detail, outcome, error, by) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  }
}
