/**
 * Files on disk are written atomically: a temporary file in the same folder, fsync, then rename over the target.
 * A crash or a full disk leaves either the old file or the new one, never half of one, and no temporary behind.
 */
import { randomBytes } from 'node:crypto'
import { link, lstat, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../app-error'
import { MAX_NAME_BYTES, cutToBytes } from './name-length'

export interface AtomicWriteOptions {
  /** File mode for a new file; 0o600 by default, since what we write is the user's own. */
  mode?: number
  /**
   * Never replace an existing file: fail with `write_failed` and `systemCode: 'EEXIST'` instead (see
   * `isFileExistsError`). For names the user did not confirm in a save dialog's overwrite question.
   */
  noReplace?: boolean
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(path)
  const temporary = join(folder, temporaryName(basename(path)))
  try {
    const handle = await open(temporary, 'wx', options.mode ?? 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.noReplace) await placeWithoutReplacing(temporary, path)
    else await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => {})
    throw describeWriteError(err, path)
  }
  await syncFolder(folder)
}

/** File systems without hard links (FAT, exFAT, some network shares) answer `link` with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'])

/**
 * Puts the finished temporary file at `path` only if nothing is there: a hard link fails with EEXIST instead of
 * replacing (rename would replace). Where hard links are not supported, a check just before the rename is the
 * best the OS offers.
 */
async function placeWithoutReplacing(temporary: string, path: string): Promise<void> {
  try {
    await link(temporary, path)
  } catch (err) {
    if (!NO_HARD_LINKS.has(errorCode(err))) throw err
    const there = await lstat(path).then(
      () => true,
      (e: unknown) => (errorCode(e) === 'ENOENT' ? false : Promise.reject(e)),
    )
    if (there) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' })
    await rename(temporary, path)
    return
  }
  await rm(temporary, { force: true })
}

const errorCode = (err: unknown): string => (typeof err === 'object' && err !== null ? String((err as { code?: unknown }).code ?? '') : '')

/** True for the error `writeFileAtomic(…, { noReplace: true })` throws when the name is taken. */
export function isFileExistsError(err: unknown): boolean {
  return err instanceof AppError && (err.details as { systemCode?: string } | undefined)?.systemCode === 'EEXIST'
}

/** `.<name>.<12 hex>.tmp`: the 18 extra bytes are taken off the name, so a 255-byte name still gets a temporary. */
function temporaryName(name: string): string {
  const tail = `.${randomBytes(6).toString('hex')}.tmp`
  return `.${cutToBytes(name, MAX_NAME_BYTES - 1 - tail.length)}${tail}`
}

/** Makes the rename itself durable where the OS allows opening a folder (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some file systems refuse fsync on a folder; the data itself is already synced.
  }
}

const WRITE_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied: choose a folder you can write to',
  EPERM: 'the operating system refused the write: choose another folder',
  EROFS: 'the folder is on a read-only disk: choose another folder',
  ENOSPC: 'the disk is full: free some space and try again',
  EDQUOT: 'your disk quota is used up: free some space and try again',
  ENOENT: 'the folder does not exist (any more): choose another folder',
  ENOTDIR: 'part of the path is a file, not a folder: choose another folder',
  EISDIR: 'a folder already has that name: choose another file name',
  ENAMETOOLONG: 'the file name is too long: choose a shorter one',
  EEXIST: 'a file with that name is already there and was kept',
}

/** A write failure as the user should see it: which file, what went wrong, what to do. */
export function describeWriteError(err: unknown, path: string): AppError {
  const code = errorCode(err)
  const problem = WRITE_PROBLEMS[code] ?? `the file could not be written${code ? ` (${code})` : ''}`
  return new AppError('write_failed', `Could not save ${path}: ${problem}.`, { path, systemCode: code || undefined })
}
