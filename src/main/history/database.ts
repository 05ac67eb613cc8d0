/**
 * The one file that knows which SQLite binding the history uses (libsql: better-sqlite3's API, with a prebuilt
 * N-API binary per platform, so the same file loads in Node and in Electron). Everything else talks to the small
 * `SqlDatabase` interface below, so a later swap to better-sqlite3 13 or node:sqlite changes this file only.
 *
 * libsql's quirks, hidden here: rows come with an extra enumerable `_metadata` key (rows are built from raw
 * arrays and column names instead), a single `null` parameter is mistaken for a named-parameter object
 * (parameters are always passed as one array), and its `readonly` option is ignored (a `file:` URI with
 * `mode=ro` is used instead).
 */
import { pathToFileURL } from 'node:url'
import Libsql from 'libsql'

export type SqlValue = string | number | bigint | null

export interface SqlStatement<Row> {
  run(...params: SqlValue[]): { changes: number; lastInsertRowid: number }
  get(...params: SqlValue[]): Row | undefined
  all(...params: SqlValue[]): Row[]
}

export interface SqlDatabase {
  readonly path: string
  readonly readonly: boolean
  exec(sql: string): void
  prepare<Row = Record<string, SqlValue>>(sql: string): SqlStatement<Row>
  /** Runs fn in one write transaction (BEGIN IMMEDIATE): all of it is committed, or none of it. */
  transaction<T>(fn: () => T): T
  /** `PRAGMA <statement>`: the first column of the first row. */
  pragma(statement: string): SqlValue | undefined
  close(): void
}

export interface OpenOptions {
  readonly?: boolean
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs?: number
  /** How long after a write the WAL is folded into the file (CHECKPOINT_DELAY_MS unless a test says otherwise). */
  checkpointDelayMs?: number
}

/**
 * The writer folds the WAL into the database file a moment after a write, in a later turn of the event loop,
 * instead of inside a commit: SQLite's automatic checkpoint would run (and fsync) within whichever write crossed
 * the WAL's size limit, which doubled the time of a 1,000-check batch on a 500 MB history (29 → 51 ms, bench:history).
 * One checkpoint serves every write of the second before it. SQLite's own automatic checkpoint stays on, at
 * WAL_AUTOCHECKPOINT_PAGES (40 MB), for a writer so busy that the timer never gets a turn.
 */
export const CHECKPOINT_DELAY_MS = 1_000
const WAL_AUTOCHECKPOINT_PAGES = 10_000

const CACHE_KIB = 32 * 1024

/** The path that opens a database in memory, lost at close. */
export const IN_MEMORY = ':memory:'

/** SQLite's answer for a file that is not (or no longer) a sound database. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) return true
  const message = err instanceof Error ? err.message : ''
  return /file is not a database|database disk image is malformed/i.test(message)
}

/**
 * Opens (creating unless read-only) the database file with WAL, a busy timeout, foreign keys and NORMAL
 * synchronous mode: in WAL mode that loses no committed transaction when the process is killed, only (at worst)
 * the last ones on a power cut, and a commit does not wait for the disk.
 */
export function openSqlite(path: string, options: OpenOptions = {}): SqlDatabase {
  const readonly = options.readonly === true
  const raw = new Libsql(readonly ? `${pathToFileURL(path).href}?mode=ro` : path)
  const db = wrap(raw, path, readonly, options.checkpointDelayMs ?? CHECKPOINT_DELAY_MS)
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 5_000))}`)
    // A read-only connection cannot switch the journal mode; the writer has made the file WAL already.
    if (!readonly) {
      const mode = String(db.pragma('journal_mode = WAL')).toLowerCase()
      // An in-memory database (the last resort when no file can be used) keeps its journal in memory.
      if (mode !== 'wal' && !(path === IN_MEMORY && mode === 'memory')) throw new Error(`could not switch ${path} to WAL mode (got ${mode})`)
      db.pragma('synchronous = NORMAL')
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
    }
    db.pragma('foreign_keys = ON')
    // 32 MB of page cache (SQLite's default is 2 MB): the board's index pages stay in memory between refreshes.
    db.pragma(`cache_size = ${-CACHE_KIB}`)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}

/** What any use of a closed database throws (a write that comes in while the app closes): an error, not a crash. */
export const CLOSED_MESSAGE = 'The history database is closed.'

function wrap(raw: Libsql.Database, path: string, readonly: boolean, checkpointDelayMs: number): SqlDatabase {
  let open = true
  // libsql panics (and the whole process aborts) on some calls to a closed connection, such as `inTransaction`:
  // every entry point checks first.
  const ensureOpen = () => {
    if (!open) throw new Error(CLOSED_MESSAGE)
  }
  let checkpoint: NodeJS.Timeout | undefined
  const scheduleCheckpoint = () => {
    if (readonly || path === IN_MEMORY || checkpoint) return
    checkpoint = setTimeout(() => {
      checkpoint = undefined
      if (!open) return
      try {
        // PASSIVE: never waits for a reader; what a reader still needs is folded in by a later checkpoint.
        raw.exec('PRAGMA wal_checkpoint(PASSIVE)')
      } catch {
        // A busy or closing file: the next write schedules another try, and close() folds the WAL in.
      }
    }, checkpointDelayMs)
    checkpoint.unref?.()
  }
  const db: SqlDatabase = {
    path,
    readonly,
    exec: (sql) => {
      ensureOpen()
      raw.exec(sql)
    },
    prepare<Row>(sql: string): SqlStatement<Row> {
      ensureOpen()
      const statement = raw.prepare(sql)
      const reader = statement.reader
      if (reader) statement.raw(true)
      let columns: string[] | undefined
      const toRow = (values: unknown): Row => {
        columns ??= statement.columns().map((c) => c.name)
        const list = values as SqlValue[]
        const row: Record<string, SqlValue> = {}
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = list[i] ?? null
        return row as Row
      }
      return {
        run(...params) {
          ensureOpen()
          const result = statement.run(params)
          return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) }
        },
        get(...params) {
          ensureOpen()
          const values = statement.get(params)
          return values === undefined || values === null ? undefined : reader ? toRow(values) : (values as Row)
        },
        all(...params) {
          ensureOpen()
          const rows = statement.all(params)
          return reader ? rows.map(toRow) : (rows as Row[])
        },
      }
    },
    transaction<T>(fn: () => T): T {
      ensureOpen()
      if (raw.inTransaction) return fn()
      raw.exec('BEGIN IMMEDIATE')
      try {
        const result = fn()
        raw.exec('COMMIT')
        scheduleCheckpoint()
        return result
      } catch (err) {
        if (raw.inTransaction) raw.exec('ROLLBACK')
        throw err
      }
    },
    pragma(statement) {
      const row = db.prepare<Record<string, SqlValue>>(`PRAGMA ${statement}`).get()
      return row ? Object.values(row)[0] : undefined
    },
    close() {
      if (!open) return
      open = false
      clearTimeout(checkpoint)
      // libsql's close leaves the WAL as it is; folding it into the file makes a cleanly closed database one
      // self-contained file (to copy, back up, or check for damage at the next start).
      if (!readonly && path !== IN_MEMORY) {
        try {
          raw.exec('PRAGMA wal_checkpoint(TRUNCATE)')
        } catch {
          // A reader holding an old snapshot keeps the WAL alive; SQLite folds it in later.
        }
      }
      raw.close()
    },
  }
  return db
}
