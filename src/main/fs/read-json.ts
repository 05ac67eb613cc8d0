/**
 * Reading a settings file the app keeps in its data folder. No file: undefined (the caller's defaults). A file
 * that cannot be read or is not JSON is moved aside (move-aside.ts), so the next save does not write over what
 * the user had, and the log says where it went; the caller then starts from its defaults too.
 */
import { readFile } from 'node:fs/promises'
import type { Logger } from '../log'
import { moveAside } from './move-aside'

export async function readJsonFile(path: string, log: Logger): Promise<unknown> {
  let problem: string
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    problem = err instanceof SyntaxError ? 'it is not JSON' : `it could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`
  }
  setAside(path, problem, log)
  return undefined
}

/**
 * A file the app cannot use (`problem` says why, for the log) moved aside as `<name>.unreadable-<time>`. A folder
 * that refuses the rename would refuse the next save's too, so a failure is only logged.
 */
export function setAside(path: string, problem: string, log: Logger): void {
  try {
    const movedTo = moveAside(path, 'unreadable', Date.now())
    log(`${path}: ${problem}; using the defaults${movedTo ? ` (the file is now ${movedTo})` : ''}`)
  } catch (err) {
    log(`${path}: ${problem}; using the defaults, and it could not be moved aside`, err)
  }
}
