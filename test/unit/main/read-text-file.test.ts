/**
 * Opening a proxy-list file (src/main/fs/read-text-file.ts): regular files only, never more than the cap read,
 * and devices and pipes refused at once with a message that says what they are.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/main/app-error'
import { readTextFile } from '../../../src/main/fs/read-text-file'

const dir = mkdtempSync(join(tmpdir(), 'iproxy-read-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const unix = process.platform !== 'win32'

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('readTextFile', () => {
  it('reads a list without its byte order mark', async () => {
    const path = join(dir, 'list.txt')
    writeFileSync(path, '\uFEFF1.2.3.4:8080\n')
    await expect(readTextFile(path, 1000)).resolves.toEqual({ name: 'list.txt', text: '1.2.3.4:8080\n' })
  })

  it('refuses a file over the cap, and reads one exactly at it', async () => {
    const path = join(dir, 'big.txt')
    writeFileSync(path, 'x'.repeat(1001))
    const err = await failure(readTextFile(path, 1000))
    expect(err.code).toBe('file_too_large')
    writeFileSync(path, 'x'.repeat(1000))
    await expect(readTextFile(path, 1000)).resolves.toMatchObject({ text: 'x'.repeat(1000) })
  })

  it.runIf(unix)('refuses /dev/zero at once, without reading it', async () => {
    const started = performance.now()
    const before = process.memoryUsage().rss
    const err = await failure(readTextFile('/dev/zero', 20_000_000))
    expect(err.code).toBe('not_a_file')
    expect(err.message).toBe('Could not open /dev/zero: it is a device, not a file. Choose a .txt, .csv or .json list.')
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(process.memoryUsage().rss - before).toBeLessThan(20_000_000)
  })

  it.runIf(unix)('refuses a named pipe at once, with no writer on it', async () => {
    const fifo = join(dir, 'list.fifo')
    execFileSync('mkfifo', [fifo])
    const started = performance.now()
    const err = await failure(readTextFile(fifo, 1000))
    expect(err.code).toBe('not_a_file')
    expect(err.message).toMatch(/it is a pipe, not a file/)
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('says which folder was chosen instead of a file', async () => {
    const err = await failure(readTextFile(dir, 1000))
    expect(err.message).toMatch(/it is a folder, not a file/)
  })
})
