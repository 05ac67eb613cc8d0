/**
 * kill -9 in the middle of writing: a child process writes batches of checks in a loop and is SIGKILLed; the
 * next open finds every batch the child reported committed, never part of a batch (the one in flight is gone
 * whole), a sound file, and no notice.
 */
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { expect, test } from 'vitest'
import { HISTORY_DB_FILE, openHistoryStore } from '../../../src/main/history'
import { openSqlite } from '../../../src/main/history/database'
import { memoryLog, tempDir } from './support'

const JITI_CLI = join(__dirname, '../../../node_modules/jiti/lib/jiti-cli.mjs')
const CHILD = join(__dirname, 'child/write-loop.ts')
const BATCH = 400

test('a writer killed with SIGKILL mid-write loses at most its last uncommitted batch; the next open is clean', async () => {
  const dir = tempDir()
  const child = spawn(process.execPath, [JITI_CLI, CHILD, dir, String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
  let reported = 0
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      const m = /^committed (\d+)$/.exec(line)
      if (!m) return
      reported = Number(m[1])
      // Enough batches that the file has grown and checkpoints have happened; kill while it keeps writing.
      if (reported === 30) {
        child.kill('SIGKILL')
        lines.close()
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`the writer exited by itself (${code}): ${stderr}`)))
  })
  expect(await exited).toBe('SIGKILL')
  const path = join(dir, HISTORY_DB_FILE)
  // Killed, not closed: the last batches are still in the WAL, to be recovered by the next open.
  expect(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0).toBe(true)

  const { log } = memoryLog()
  const store = await openHistoryStore(dir, { log })
  expect(store.takeNotice()).toBeUndefined()
  expect(store.board()).toHaveLength(50)
  await store.close()

  const db = openSqlite(path, { readonly: true })
  const count = Number(db.prepare<{ n: number }>('SELECT count(*) AS n FROM checks').get()!.n)
  expect(db.pragma('integrity_check')).toBe('ok')
  db.close()
  expect(count % BATCH).toBe(0) // whole batches only
  const batches = count / BATCH
  // Every batch it said was committed is there (it may have committed more before the kill landed).
  expect(batches).toBeGreaterThanOrEqual(reported)
}, 60_000)
