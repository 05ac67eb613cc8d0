/**
 * Opening the history database at start, so that the app always starts: a file SQLite cannot use (damaged, cut
 * short, not a database, written by a newer app, unreadable) is moved aside under a name with the time, a fresh
 * database is started in its place, and the result carries a notice saying what happened and where the old file
 * is (the app shows it once). If not even a fresh file can be made, history lives in memory for this run.
 *
 * The command line opens read-only instead (`openHistoryReadOnly`): it never moves or migrates anything, and
 * reads while the app writes (WAL lets readers and the one writer work at once).
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { HistoryNotice } from '../../shared/history'
import { moveAside } from '../fs/move-aside'
import type { Logger } from '../log'
import { IN_MEMORY, isCorruptionError, openSqlite, type SqlDatabase } from './database'
import { migrate, SCHEMA_VERSION, schemaVersion } from './migrations'

export const HISTORY_DB_FILE = 'history.sqlite'

export interface OpenedHistoryDatabase {
  db: SqlDatabase
  notice?: HistoryNotice
}

/** Why a file was not used. */
export class HistoryFileError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'newer' | 'older' | 'missing',
    message: string,
  ) {
    super(message)
    this.name = 'HistoryFileError'
  }
}

/** Opens the app's (writer's) database, migrating it to the current schema. Never throws. */
export function openHistoryDatabase(path: string, options: { log: Logger; now?: () => number }): OpenedHistoryDatabase {
  const now = options.now ?? Date.now
  try {
    mkdirSync(dirname(path), { recursive: true })
    return { db: openWriter(path, options.log) }
  } catch (err) {
    options.log(`the history database ${path} cannot be used`, err)
    const kind = err instanceof HistoryFileError && err.reason === 'newer' ? 'newer' : 'corrupt'
    return startAfresh(path, kind, err, { log: options.log, now })
  }
}

/**
 * Moves the file (and its WAL and shared-memory files) aside and opens a fresh one; if that fails too, an
 * in-memory database for this run. Also used when damage shows up later, in the middle of a run.
 */
export function startAfresh(path: string, kind: 'corrupt' | 'newer', cause: unknown, options: { log: Logger; now: () => number }): OpenedHistoryDatabase {
  const why = cause instanceof Error ? cause.message : String(cause)
  let movedTo: string | undefined
  try {
    movedTo = moveAside(path, kind, options.now(), ['-wal', '-shm'])
    const db = openWriter(path, options.log)
    const where = movedTo ? `it was moved to ${movedTo} and` : 'there was no file to move;'
    const message =
      kind === 'newer'
        ? `The history database was written by a newer version of the app; ${where} a new one was started.`
        : `The history database could not be read (${why}); ${where} a new one was started.`
    options.log(message)
    return { db, notice: { kind, ...(movedTo ? { movedTo } : {}), message } }
  } catch (err) {
    options.log(`could not start a new history database at ${path}; history is kept in memory until the app quits`, err)
    const db = openWriter(IN_MEMORY, options.log)
    const where = movedTo ? `; the old file was moved to ${movedTo}` : ''
    return {
      db,
      notice: {
        kind: 'unavailable',
        ...(movedTo ? { movedTo } : {}),
        message: `The history database at ${path} cannot be used (${err instanceof Error ? err.message : String(err)})${where}. History is kept only until the app quits.`,
      },
    }
  }
}

/** For the command line: reads the app's database as it is, without changing anything. Throws HistoryFileError. */
export function openHistoryReadOnly(path: string): SqlDatabase {
  if (!existsSync(path)) throw new HistoryFileError('missing', `There is no history yet (${path} does not exist): the app creates it when it first runs.`)
  let db: SqlDatabase
  try {
    assertNotCutShort(path)
    db = openSqlite(path, { readonly: true })
  } catch (err) {
    throw asFileError(err, path)
  }
  try {
    const version = schemaVersion(db)
    if (version > SCHEMA_VERSION) throw new HistoryFileError('newer', `${path} was written by a newer version of the app (schema ${version}; this one reads ${SCHEMA_VERSION}).`)
    if (version < SCHEMA_VERSION) throw new HistoryFileError('older', `${path} is from an older version of the app (schema ${version}): start the app once to update it.`)
    db.prepare('SELECT name FROM sqlite_master').all()
    return db
  } catch (err) {
    db.close()
    throw asFileError(err, path)
  }
}

function asFileError(err: unknown, path: string): Error {
  if (err instanceof HistoryFileError) return err
  if (isCorruptionError(err)) return new HistoryFileError('corrupt', `${path} is damaged or not a database: ${(err as Error).message}`)
  return err instanceof Error ? err : new Error(String(err))
}

function openWriter(path: string, log: Logger): SqlDatabase {
  if (path !== IN_MEMORY) assertNotCutShort(path)
  const db = openSqlite(path)
  try {
    const version = schemaVersion(db)
    if (version > SCHEMA_VERSION) throw new HistoryFileError('newer', `schema version ${version} is newer than this app's ${SCHEMA_VERSION}`)
    // Reads every table's definition: a damaged schema page fails here, at start, not on the first write.
    db.prepare('SELECT name, sql FROM sqlite_master').all()
    for (const step of migrate(db)) log(`history database: schema ${step.version} (${step.summary})`)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * A file cut short (a copy that stopped half-way, a full disk) opens fine and fails only when a missing page is
 * read, maybe weeks later. The header says how many pages the file has; when no WAL holds newer pages, a file
 * shorter than that is damaged. A file too short for a header at all is not a database.
 */
function assertNotCutShort(path: string): void {
  if (!existsSync(path)) return
  const size = statSync(path).size
  if (size === 0) return // SQLite's own start for a new database
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  let read: number
  try {
    read = readSync(fd, header, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  if (read < 100 || !header.subarray(0, 16).equals(HEADER)) throw new HistoryFileError('corrupt', 'file is not a database')
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize
  const pages = header.readUInt32BE(28)
  // The page count in the header is valid only when its "version-valid-for" matches the change counter.
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92)
  const wal = `${path}-wal`
  const walHasPages = existsSync(wal) && statSync(wal).size > 32
  if (countValid && !walHasPages && pages > 0 && size < pages * pageSize) {
    throw new HistoryFileError('corrupt', `database disk image is malformed: the file is ${size} bytes, its header says ${pages * pageSize}`)
  }
}

