/**
 * Opening the history file: migration from an older schema, files that cannot be used (garbage, cut short,
 * damaged inside, from a newer app, a data folder that is not a folder) moved aside with a notice instead of
 * stopping the app, and the command line's read-only reader working beside the app's writer.
 */
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync, openSync, writeSync, closeSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { HISTORY_DB_FILE, HistoryFileError, openHistoryReader, openHistoryStore, SCHEMA_VERSION } from '../../../src/main/history'
import { openSqlite } from '../../../src/main/history/database'
import { MIGRATIONS } from '../../../src/main/history/migrations'
import { check, HOUR, memoryLog, T0, tempDir } from './support'

const schemaOf = (path: string) => {
  const db = openSqlite(path, { readonly: true })
  try {
    return db.prepare<{ type: string; name: string; sql: string | null }>("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()
  } finally {
    db.close()
  }
}

/** A database with some history in it, closed (so its WAL is folded into the file). */
async function filledDatabase(dir: string): Promise<string> {
  const store = await openHistoryStore(dir, { log: memoryLog().log, now: () => T0 })
  for (let i = 0; i < 40; i++) {
    store.recordChecks(Array.from({ length: 100 }, (_, j) => check(`p${j}`, `c${j}`, T0 + i * HOUR, { ip: `192.0.2.${1 + ((i + j) % 200)}` })))
  }
  await store.close()
  return join(dir, HISTORY_DB_FILE)
}

describe('schema versions', () => {
  test('a version 1 file (made as the first release made it) is migrated, keeping its history', async () => {
    const dir = tempDir()
    const path = join(dir, HISTORY_DB_FILE)
    const v1 = openSqlite(path)
    v1.exec(MIGRATIONS.find((m) => m.version === 1)!.sql)
    v1.exec('PRAGMA user_version = 1')
    v1.exec(`INSERT INTO connections (id, connection_id, first_seen) VALUES (1, 'c1', ${T0})`)
    v1.exec(`INSERT INTO proxies (id, key, connection) VALUES (1, 'p1', 1)`)
    v1.exec(`INSERT INTO checks (proxy, connection, at, status, total_ms10, exit_ip) VALUES (1, 1, ${T0 + 1000}, 'ok', 1204, '192.0.2.1')`)
    v1.exec(`INSERT INTO status_changes (connection, at, status) VALUES (1, ${T0}, 'online')`)
    v1.close()

    const { log, lines } = memoryLog()
    const store = await openHistoryStore(dir, { log, now: () => T0 + HOUR })
    expect(store.takeNotice()).toBeUndefined()
    expect(lines).toContain(`history database: schema 2 (${MIGRATIONS[1]!.summary})`)
    expect(lines.some((line) => line.includes('schema 1'))).toBe(false)
    // Old rows are there, and what version 2 added works on them.
    store.recordConnectionNames([{ connectionId: 'c1', name: 'Old phone' }])
    expect(store.board()).toEqual([
      expect.objectContaining({ connectionId: 'c1', name: 'Old phone', status: 'online', statusSince: T0, lastCheck: expect.objectContaining({ totalMs: 120.4, exitIp: '192.0.2.1' }) }),
    ])
    expect(store.setRetentionDays(14)).toBe(14)
    await store.close()

    // The migrated file has exactly the schema of a new one.
    const fresh = tempDir()
    await (await openHistoryStore(fresh, { log: memoryLog().log })).close()
    expect(schemaOf(path)).toEqual(schemaOf(join(fresh, HISTORY_DB_FILE)))
    const db = openSqlite(path, { readonly: true })
    expect(db.pragma('user_version')).toBe(SCHEMA_VERSION)
    db.close()
  })

  test('a file from a newer version of the app is moved aside, not changed, and a new one started', async () => {
    const dir = tempDir()
    const path = await filledDatabase(dir)
    const db = openSqlite(path)
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`)
    db.close()
    const before = readFileSync(path)

    const store = await openHistoryStore(dir, { log: memoryLog().log, now: () => Date.parse('2026-04-02T10:11:12.345Z') })
    const notice = store.takeNotice()
    expect(notice).toEqual({ kind: 'newer', movedTo: `${path}.newer-2026-04-02T10-11-12Z`, message: expect.stringContaining('written by a newer version') })
    expect(store.takeNotice()).toBeUndefined() // told once
    expect(readFileSync(notice!.movedTo!).equals(before)).toBe(true)
    expect(store.board()).toEqual([])
    await store.close()
  })
})

describe('files that cannot be used', () => {
  test('garbage bytes: moved aside with the time in its name, a fresh database works, the notice says where', async () => {
    const dir = tempDir()
    const path = join(dir, HISTORY_DB_FILE)
    const garbage = Buffer.alloc(64 * 1024, 0)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251
    writeFileSync(path, garbage)
    const { log, lines } = memoryLog()

    const store = await openHistoryStore(dir, { log, now: () => Date.parse('2026-05-06T07:08:09Z') })
    const notice = store.takeNotice()
    const movedTo = `${path}.corrupt-2026-05-06T07-08-09Z`
    expect(notice).toEqual({ kind: 'corrupt', movedTo, message: expect.stringContaining(`it was moved to ${movedTo} and a new one was started`) })
    expect(readFileSync(movedTo).equals(garbage)).toBe(true)
    expect(lines.some((line) => line.includes('cannot be used'))).toBe(true)
    store.recordChecks([check('p1', 'c1', T0)])
    expect(store.board()).toHaveLength(1)
    await store.close()
    // The next start is clean.
    const again = await openHistoryStore(dir, { log: memoryLog().log })
    expect(again.takeNotice()).toBeUndefined()
    expect(again.board()).toHaveLength(1)
    await again.close()
  })

  test('a file cut short (half of it gone) is moved aside at start, not weeks later', async () => {
    const dir = tempDir()
    const path = await filledDatabase(dir)
    const size = statSync(path).size
    truncateSync(path, Math.floor(size / 2))
    const store = await openHistoryStore(dir, { log: memoryLog().log, now: () => T0 })
    const notice = store.takeNotice()
    expect(notice?.kind).toBe('corrupt')
    expect(notice?.message).toContain(`the file is ${Math.floor(size / 2)} bytes`)
    expect(statSync(notice!.movedTo!).size).toBe(Math.floor(size / 2))
    expect(store.board()).toEqual([])
    await store.close()
  })

  test('a file too short to hold a header is not a database', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, HISTORY_DB_FILE), 'SQLite format 3')
    const store = await openHistoryStore(dir, { log: memoryLog().log, now: () => T0 })
    expect(store.takeNotice()?.kind).toBe('corrupt')
    await store.close()
  })

  test('damage inside the file found during a run: moved aside, the call is answered from a fresh file', async () => {
    const dir = tempDir()
    const path = await filledDatabase(dir)
    // Keep the header and schema pages, overwrite the rest with garbage of the same length.
    const size = statSync(path).size
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(size - 32 * 4096, 0xa5), 0, size - 32 * 4096, 32 * 4096)
    closeSync(fd)
    const { log, lines } = memoryLog()
    const store = await openHistoryStore(dir, { log, now: () => T0 })
    expect(store.takeNotice()).toBeUndefined() // it looked fine at start
    expect(store.board()).toEqual([])
    const notice = store.takeNotice()
    expect(notice?.kind).toBe('corrupt')
    expect(existsSync(notice!.movedTo!)).toBe(true)
    expect(lines.some((line) => line.startsWith('the history database is damaged'))).toBe(true)
    // Writes go to the fresh file.
    store.recordChecks([check('p1', 'c1', T0)])
    expect(store.board()).toHaveLength(1)
    await store.close()
  })

  test('a data folder that cannot hold the file: history in memory for this run, and the user is told', async () => {
    const parent = tempDir()
    const notAFolder = join(parent, 'data')
    writeFileSync(notAFolder, 'a file where the data folder should be')
    const store = await openHistoryStore(notAFolder, { log: memoryLog().log, now: () => T0 })
    const notice = store.takeNotice()
    expect(notice?.kind).toBe('unavailable')
    expect(notice?.movedTo).toBeUndefined()
    expect(notice?.message).toContain('History is kept only until the app quits')
    store.recordChecks([check('p1', 'c1', T0)])
    expect(store.board()).toHaveLength(1)
    await store.close()
    expect(readdirSync(parent)).toEqual(['data'])
  })
})

describe('read-only (the command line)', () => {
  test('reads while the app writes, sees each committed batch, and cannot write', async () => {
    const dir = tempDir()
    const path = join(dir, HISTORY_DB_FILE)
    const writer = await openHistoryStore(dir, { log: memoryLog().log, now: () => T0 + HOUR })
    writer.recordChecks([check('p1', 'c1', T0, { ip: '192.0.2.1' })])
    const reader = openHistoryReader(path)
    expect(reader.board(T0 + HOUR).map((r) => r.lastCheck?.at)).toEqual([T0])
    writer.recordChecks([check('p1', 'c1', T0 + 60_000, { ip: '192.0.2.1' }), check('p2', 'c2', T0 + 60_000)])
    expect(reader.board(T0 + HOUR).map((r) => [r.connectionId, r.lastCheck?.at])).toEqual([
      ['c1', T0 + 60_000],
      ['c2', T0 + 60_000],
    ])
    expect(reader.exitIps('c1')).toEqual([expect.objectContaining({ ip: '192.0.2.1', sightings: 2 })])
    expect(() => reader.db.exec("INSERT INTO settings (key, value) VALUES ('x', 'y')")).toThrow(/readonly/i)
    expect(reader.retentionDays()).toBe(90)
    reader.close()
    await writer.close()
  })

  test('says clearly when there is no history yet, or it is from an older app; never creates or changes a file', async () => {
    const dir = tempDir()
    const path = join(dir, HISTORY_DB_FILE)
    expect(() => openHistoryReader(path)).toThrow(HistoryFileError)
    expect(() => openHistoryReader(path)).toThrow('There is no history yet')
    expect(existsSync(path)).toBe(false)

    const v1 = openSqlite(path)
    v1.exec(MIGRATIONS[0]!.sql)
    v1.exec('PRAGMA user_version = 1')
    v1.close()
    expect(() => openHistoryReader(path)).toThrow('is from an older version of the app (schema 1): start the app once to update it')
    const db = openSqlite(path, { readonly: true })
    expect(db.pragma('user_version')).toBe(1)
    db.close()

    writeFileSync(path, Buffer.alloc(4096, 0x41))
    let error: unknown
    try {
      openHistoryReader(path)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(HistoryFileError)
    expect((error as HistoryFileError).reason).toBe('corrupt')
    expect(readFileSync(path).equals(Buffer.alloc(4096, 0x41))).toBe(true)
  })
})
