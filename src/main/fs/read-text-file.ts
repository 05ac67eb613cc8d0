/**
 * `readTextFile(path, maxBytes)`: a text file the user chose (a proxy list), decoded as UTF-8 without its byte
 * order mark; or an AppError that says which file, what went wrong and what to do.
 *
 * Only a regular file is read, and never more than `maxBytes` + 1 bytes of it: a device (/dev/zero, /dev/random)
 * or a pipe has no size to look at first and would feed memory forever, and opening a FIFO for reading would wait
 * for a writer that may never come. So: stat before opening (a FIFO is refused before open could block), open
 * non-blocking where the OS has the flag, check again on the open descriptor (the path may have been swapped in
 * between), and read through a bounded buffer.
 */
import { constants } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../app-error'

/** What a failed read means for the user, by node's error code. */
const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'the file does not exist (any more): choose another one',
  EACCES: 'this app may not read it: check the file’s permissions',
  EPERM: 'this app may not read it: check the file’s permissions',
  EISDIR: 'it is a folder, not a file: choose a file',
}

const mb = (n: number) => (n / 1_000_000).toFixed(1)

/** An AppError when `info` is not a regular file of at most `maxBytes`. */
function refuse(path: string, info: Stats, maxBytes: number): void {
  if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' })
  if (!info.isFile()) {
    const kind = info.isFIFO() ? 'a pipe' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file'
    throw new AppError('not_a_file', `Could not open ${path}: it is ${kind}, not a file. Choose a .txt, .csv or .json list.`, { path })
  }
  if (info.size > maxBytes) throw tooLarge(path, `it is ${mb(info.size)} MB`, maxBytes)
}

function tooLarge(path: string, what: string, maxBytes: number): AppError {
  return new AppError('file_too_large', `Could not open ${path}: ${what}, and at most ${mb(maxBytes)} MB is read at once. Split the list.`, { path })
}

/** Up to `limit` bytes from the start of `file`, in chunks (a small list does not cost a buffer of `limit`). */
async function readAtMost(file: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total))
    const { bytesRead } = await file.read(chunk, 0, chunk.length, total)
    if (bytesRead === 0) break
    chunks.push(chunk.subarray(0, bytesRead))
    total += bytesRead
  }
  return Buffer.concat(chunks, total)
}

export async function readTextFile(path: string, maxBytes: number): Promise<{ name: string; text: string }> {
  let bytes: Buffer
  try {
    refuse(path, await stat(path), maxBytes)
    // O_NONBLOCK: should a FIFO take the file's place after the stat, open does not wait for a writer (the fstat
    // below then refuses it). Windows has no such flag, nor FIFOs at a path.
    const file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    try {
      refuse(path, await file.stat(), maxBytes)
      // One byte past the cap tells a file that grew since the stat from one that fits.
      bytes = await readAtMost(file, maxBytes + 1)
    } finally {
      await file.close()
    }
    if (bytes.length > maxBytes) throw tooLarge(path, 'it grew past the limit while being read', maxBytes)
  } catch (err) {
    if (err instanceof AppError) throw err
    const code = typeof err === 'object' && err !== null ? String((err as { code?: unknown }).code ?? '') : ''
    const problem = READ_PROBLEMS[code] ?? `the file could not be read${code ? ` (${code})` : ''}`
    throw new AppError('read_failed', `Could not open ${path}: ${problem}.`, { path, systemCode: code || undefined })
  }
  // A NUL byte never appears in a text list: this is an archive, a picture or the like.
  if (bytes.includes(0)) throw new AppError('not_text', `Could not open ${path}: it is not a text file. Choose a .txt, .csv or .json list.`, { path })
  // TextDecoder drops a leading byte order mark; invalid UTF-8 becomes U+FFFD rather than an error.
  return { name: basename(path), text: new TextDecoder('utf-8').decode(bytes) }
}
