/**
 * The history database's schema, as the ordered list of steps that built it. `PRAGMA user_version` holds the
 * number of the last step applied; at start every later step runs, each in its own transaction with the version
 * bump, so a crash mid-way leaves the file at the previous version, never half-migrated. Never edit a step that
 * has shipped: add the next one.
 *
 * Layout, and why:
 * - Connections and proxies get small integer ids (`connections.id`, `proxies.id`); the big tables refer to them,
 *   which keeps a check row near 60 bytes (millions of them: a fleet of 500 checked every 15 minutes for 90 days).
 * - Times are INTEGER milliseconds since the epoch (what the queries compare and subtract). Durations of a check
 *   are tenths of a millisecond (`*_ms10`), the checker's precision, as integers: 2 bytes each where a REAL
 *   takes 8.
 * - `status_changes` holds only changes, each with `until` (when the next one came; NULL for the current status),
 *   so uptime is a plain sum over an index range, with no window function to sort thousands of rows.
 * - `ip_periods`: one row per unbroken stretch of one exit IP on one connection (per IP family, so a connection
 *   seen over IPv4 and IPv6 does not look like it changes IP at every check). Sightings of the same IP extend the
 *   stretch; a different IP starts a new one. The IP ledger (repeats, shared IPs) compares stretches;
 *   `returned_after` (ms since the same IP last left this connection; NULL the first time) makes "came back
 *   within the window" a column test instead of a search per stretch.
 * - Indexes: (connection, at) for a connection's statuses, stretches and actions, (at) for
 *   retention and fleet-wide history. Checks have only (proxy, at) and (at): a connection's checks are its
 *   proxies' (one or two each), and every index keyed by phone costs a batch of 1,000 results ~30 ms, since
 *   each of its 500 phones dirties its own leaf page. The IP stretches' indexes carry the columns the ledger and
 *   the board compare (covering), so their searches never visit the table; but only (last_at) has last_at,
 *   which every sighting moves (one more index holding it was ~10 ms more per batch of 1,000).
 * - `watch_events` (the fleet watch, main/watch): a few rows an hour, read newest first by time or by connection.
 * - `runs` (the audit trail, audit.ts): one row per bulk run or rule run; its steps are `actions` rows pointing at
 *   it (`actions.run`), so a connection's timeline shows what a run did to it with no second copy. `uid` is the
 *   run's own id (the one the page and the command line show).
 */
import type { SqlDatabase } from './database'

export interface Migration {
  version: number
  /** What the step adds, for the log. */
  summary: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    summary: 'checks, status changes, exit IP stretches and actions',
    sql: `
      CREATE TABLE connections (
        id INTEGER PRIMARY KEY,
        connection_id TEXT NOT NULL UNIQUE,
        first_seen INTEGER NOT NULL
      );
      CREATE TABLE proxies (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        connection INTEGER REFERENCES connections(id)
      );
      CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        proxy INTEGER NOT NULL REFERENCES proxies(id),
        connection INTEGER REFERENCES connections(id),
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        connect_ms10 INTEGER,
        handshake_ms10 INTEGER,
        first_byte_ms10 INTEGER,
        total_ms10 INTEGER NOT NULL,
        exit_ip TEXT,
        country TEXT,
        asn TEXT,
        ip_mismatch INTEGER
      );
      CREATE INDEX checks_by_proxy ON checks(proxy, at);
      CREATE INDEX checks_by_time ON checks(at);
      CREATE TABLE status_changes (
        id INTEGER PRIMARY KEY,
        connection INTEGER NOT NULL REFERENCES connections(id),
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        until INTEGER
      );
      CREATE INDEX status_changes_by_connection ON status_changes(connection, at);
      CREATE INDEX status_changes_by_time ON status_changes(at);
      CREATE TABLE ip_periods (
        id INTEGER PRIMARY KEY,
        connection INTEGER NOT NULL REFERENCES connections(id),
        ip TEXT NOT NULL,
        family INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        sightings INTEGER NOT NULL DEFAULT 1,
        sources INTEGER NOT NULL,
        returned_after INTEGER
      );
      CREATE INDEX ip_periods_by_connection ON ip_periods(connection, family, first_at);
      CREATE INDEX ip_periods_by_ip ON ip_periods(ip, first_at, connection);
      CREATE INDEX ip_periods_by_first ON ip_periods(first_at, connection, family);
      CREATE INDEX ip_periods_by_last ON ip_periods(last_at, returned_after, ip, first_at, connection);
      CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        connection INTEGER NOT NULL REFERENCES connections(id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT,
        outcome TEXT NOT NULL,
        error TEXT,
        by TEXT NOT NULL
      );
      CREATE INDEX actions_by_connection ON actions(connection, at);
      CREATE INDEX actions_by_time ON actions(at);
    `,
  },
  {
    version: 2,
    summary: 'connection names (for the command line and the IP ledger) and stored settings (retention)',
    sql: `
      ALTER TABLE connections ADD COLUMN name TEXT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    summary: 'the fleet watch\'s events (offline, online, check failed, API unreachable, ...)',
    // `connection` is NULL for fleet-wide events (the API down, rate limited). `data` is the event's flat facts as
    // JSON: they differ by kind and are only ever shown or sent whole, never searched.
    sql: `
      CREATE TABLE watch_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        connection INTEGER REFERENCES connections(id),
        data TEXT
      );
      CREATE INDEX watch_events_by_time ON watch_events(at);
      CREATE INDEX watch_events_by_connection ON watch_events(connection, at);
    `,
  },
  {
    version: 4,
    summary: 'the audit trail: bulk runs and rule runs, their steps as actions',
    // A step's `ended_at` is the action's end (a change of IP and verify takes a minute); NULL for the app's other
    // actions, which are recorded when they end. `detail` is the run's flat parameters as JSON, only ever shown whole.
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        by TEXT NOT NULL,
        title TEXT NOT NULL,
        rule_id TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        outcome TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX runs_by_time ON runs(started_at);
      ALTER TABLE actions ADD COLUMN run INTEGER REFERENCES runs(id);
      ALTER TABLE actions ADD COLUMN ended_at INTEGER;
      CREATE INDEX actions_by_run ON actions(run, connection) WHERE run IS NOT NULL;
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

export function schemaVersion(db: SqlDatabase): number {
  return Number(db.pragma('user_version') ?? 0)
}

/** Applies every step after the file's version; returns the steps applied. */
export function migrate(db: SqlDatabase): Migration[] {
  const applied: Migration[] = []
  for (const step of MIGRATIONS) {
    if (step.version <= schemaVersion(db)) continue
    db.transaction(() => {
      db.exec(step.sql)
      db.exec(`PRAGMA user_version = ${step.version}`)
    })
    applied.push(step)
  }
  return applied
}
