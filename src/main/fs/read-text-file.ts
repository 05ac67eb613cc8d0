/**
 * `readTextFile(path, maxBytes)`: a text file the user chose (a proxy list), decoded as UTF-8 without its byte
 * order mark; or an AppError that says which file, what went wrong and what to do. Nothing is read past
 * `maxBytes`: the size is looked at first.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError } from '../app-error'

/** What a failed read means for the user, by node's error code. */
const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'the file does not exist (any more): choose another one',
  EACCES: 'this app may not read it: check the file’s permissions',
  EPERM: 'this app may not read it: check the file’s permissions',
  EISDIR: 'it is a folder, not a file: choose a file',
}

export async function readTextFile(path: string, maxBytes: number): Promise<{ name: string; text: string }> {
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' })
    if (info.size > maxBytes) {
      const mb = (n: number) => (n / 1_000_000).toFixed(1)
      throw new AppError('file_too_large', `Could not open ${path}: it is ${mb(info.size)} MB, and at most ${mb(maxBytes)} MB is read at once. Split the list.`, { path })
    }
    bytes = await readFile(path)
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
