/**
 * The writer's checkpoint: a write's WAL is folded into the database file a moment later, off the write's own
 * path, and the file ends up holding the data without anyone calling a checkpoint.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { CLOSED_MESSAGE, openSqlite, type SqlDatabase } from '../../../src/main/history/database'
import { tempDir } from './support'

let db: SqlDatabase | undefined

afterEach(() => {
  db?.close()
  db = undefined
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('a committed write stays in the WAL during the commit and reaches the database file shortly after', async () => {
  const file = join(tempDir(), 'history.sqlite')
  db = openSqlite(file, { checkpointDelayMs: 50 })
  expect(Number(db.pragma('wal_autocheckpoint'))).toBe(10_000)
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO t (text) VALUES (?)')
  const before = statSync(file).size
  db.transaction(() => {
    for (let i = 0; i < 2_000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`)
  })
  // Committed: the rows are in the WAL, not yet in the file (the commit did not checkpoint).
  expect(statSync(file).size).toBe(before)
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(200_000)
  await sleep(400)
  expect(statSync(file).size).toBeGreaterThan(200_000)
  expect(db.prepare<{ n: number }>('SELECT count(*) AS n FROM t').get()?.n).toBe(2_000)
})

test('closing before the delay folds the WAL in at close and leaves no timer behind', async () => {
  const file = join(tempDir(), 'history.sqlite')
  db = openSqlite(file, { checkpointDelayMs: 10_000 })
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)')
  db.transaction(() => db!.prepare('INSERT INTO t DEFAULT VALUES').run())
  db.close()
  db = openSqlite(file, { readonly: true })
  expect(db.prepare<{ n: number }>('SELECT count(*) AS n FROM t').get()?.n).toBe(1)
})

test('a write that comes after close gets an error, and the process lives on (libsql would abort it)', () => {
  const file = join(tempDir(), 'history.sqlite')
  const closed = openSqlite(file)
  closed.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)')
  const insert = closed.prepare('INSERT INTO t DEFAULT VALUES')
  closed.close()
  expect(() => closed.transaction(() => insert.run())).toThrow(CLOSED_MESSAGE)
  expect(() => insert.run()).toThrow(CLOSED_MESSAGE)
  expect(() => closed.prepare('SELECT 1')).toThrow(CLOSED_MESSAGE)
  expect(() => closed.exec('SELECT 1')).toThrow(CLOSED_MESSAGE)
  db = openSqlite(file, { readonly: true })
  expect(db.prepare<{ n: number }>('SELECT count(*) AS n FROM t').get()?.n).toBe(0)
})
