/**
 * The fleet the history bench measures (history.bench.test.ts): CONNECTIONS connections over DAYS days, written
 * straight into the tables of an existing (migrated) history database, one transaction per day. Deterministic:
 * every run builds the same fleet.
 *
 *   checks          every connection every 15 minutes; 2 % fail, and all fail while the phone is offline
 *   status changes  offline spells ~1.5 a day of ~20 minutes; one phone in fifty is sometimes `flapping`
 *   IP stretches    a new exit IP every 1–4 hours; one in ten handed back from the phone's recent IPs, and every
 *                   hundredth phone takes its neighbour's address now and then (a shared IP)
 *   actions         a change of IP (by a rule or by hand) before half of the new IPs
 */
import { openSqlite } from '../../src/main/history/database'
import { DAY_MS } from '../../src/shared/history'

export const CHECK_EVERY_MS = 15 * 60_000

export const connId = (c: number) => `conn${String(c).padStart(4, '0')}`

export const FILL_DERIVED_COLUMNS = `
  UPDATE status_changes SET until = (
    SELECT min(n.at) FROM status_changes n WHERE n.connection = status_changes.connection AND n.at > status_changes.at);
  UPDATE ip_periods SET returned_after = first_at - (
    SELECT max(p.last_at) FROM ip_periods p WHERE p.ip = ip_periods.ip AND p.connection = ip_periods.connection AND p.first_at < ip_periods.first_at);
`

/** A small deterministic PRNG (mulberry32), so every run builds the same fleet. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Writes the fleet's days straight into the tables; the rows written per table. */
export function generateFleet(path: string, fleet: { connections: number; days: number; start: number }): Record<string, number> {
  const { connections: CONNECTIONS, days: DAYS, start: START } = fleet
  const db = openSqlite(path)
  // Index pages of a few hundred MB stay in memory while they are filled (SQLite's default cache is 2 MB).
  db.pragma('cache_size = -262144')
  const rand = prng(20)
  const counts = { checks: 0, status_changes: 0, ip_periods: 0, actions: 0 }
  const s = {
    connection: db.prepare('INSERT INTO connections (id, connection_id, first_seen, name) VALUES (?, ?, ?, ?)'),
    proxy: db.prepare('INSERT INTO proxies (id, key, connection) VALUES (?, ?, ?)'),
    check: db.prepare(
      'INSERT INTO checks (proxy, connection, at, status, error, connect_ms10, handshake_ms10, first_byte_ms10, total_ms10, exit_ip, country, asn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    status: db.prepare('INSERT INTO status_changes (connection, at, status) VALUES (?, ?, ?)'),
    period: db.prepare('INSERT INTO ip_periods (connection, ip, family, first_at, last_at, sightings, sources) VALUES (?, ?, 4, ?, ?, ?, 1)'),
    action: db.prepare('INSERT INTO actions (connection, at, kind, detail, outcome, error, by) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  }
  // Per connection: its current status spell and IP stretch, carried from day to day.
  const state = Array.from({ length: CONNECTIONS }, (_, c) => ({
    online: true,
    statusUntil: START + rand() * DAY_MS,
    ip: `10.${c % 250}.0.1`,
    ipFrom: START,
    ipLast: START,
    sightings: 0,
    ipUntil: START + (1 + rand() * 3) * 3_600_000,
    pool: [] as string[],
  }))
  db.transaction(() => {
    for (let c = 0; c < CONNECTIONS; c++) {
      s.connection.run(c + 1, connId(c), START, `Phone ${c + 1}`)
      s.proxy.run(c + 1, `proxy${c}`, c + 1)
      s.status.run(c + 1, START, 'online')
      counts.status_changes++
    }
  })
  const flushPeriod = (c: number) => {
    const st = state[c]!
    if (st.sightings === 0) return
    s.period.run(c + 1, st.ip, st.ipFrom, st.ipLast, st.sightings)
    counts.ip_periods++
  }
  for (let day = 0; day < DAYS; day++) {
    db.transaction(() => {
      const dayStart = START + day * DAY_MS
      for (let c = 0; c < CONNECTIONS; c++) {
        const st = state[c]!
        for (let at = dayStart + (c % 15) * 60_000; at < dayStart + DAY_MS; at += CHECK_EVERY_MS) {
          // Status: offline spells ~1.5 a day of ~20 minutes; one phone in fifty flaps now and then.
          while (at >= st.statusUntil) {
            st.online = !st.online
            const status = st.online ? 'online' : c % 50 === 0 && rand() < 0.5 ? 'flapping' : 'offline'
            s.status.run(c + 1, st.statusUntil, status)
            counts.status_changes++
            st.statusUntil += st.online ? (-Math.log(1 - rand()) * DAY_MS) / 1.5 : -Math.log(1 - rand()) * 20 * 60_000
          }
          // Exit IP: a new one every 1–4 hours; one in ten is handed back from the recent pool, and every
          // hundredth phone takes its neighbour's address now and then (a shared IP).
          if (at >= st.ipUntil) {
            flushPeriod(c)
            st.pool.push(st.ip)
            if (st.pool.length > 8) st.pool.shift()
            const r = rand()
            st.ip =
              r < 0.1 && st.pool.length > 1
                ? st.pool[Math.floor(rand() * (st.pool.length - 1))]!
                : c % 100 === 1 && r < 0.15
                  ? state[c - 1]!.ip
                  : `10.${c % 250}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`
            st.ipFrom = at
            st.sightings = 0
            st.ipUntil = at + (1 + rand() * 3) * 3_600_000
            if (rand() < 0.5) {
              s.action.run(c + 1, at - 5_000, 'change_ip', null, 'ok', null, rand() < 0.7 ? 'rule' : 'user')
              counts.actions++
            }
          }
          const ok = st.online && rand() > 0.02
          // Durations in tenths of a millisecond, as the recorder stores them (the checker measures to 0.1 ms).
          const tenths = (from: number, span: number) => Math.round((from + rand() * span) * 10)
          s.check.run(
            c + 1,
            c + 1,
            at,
            ok ? 'ok' : 'timeout',
            ok ? null : 'The proxy did not answer in time.',
            tenths(10, 40),
            ok ? tenths(30, 80) : null,
            ok ? tenths(40, 300) : null,
            tenths(80, ok ? 500 : 9_000),
            ok ? st.ip : null,
            ok ? 'US' : null,
            ok ? 'AS21928' : null,
          )
          counts.checks++
          if (ok) {
            st.ipLast = at
            st.sightings++
          }
        }
      }
    })
  }
  db.transaction(() => {
    state.forEach((_, c) => flushPeriod(c))
    // What the recorder keeps as it goes: when each status ended, and how long each IP was away before it came back.
    db.exec(FILL_DERIVED_COLUMNS)
  })
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return counts
}

