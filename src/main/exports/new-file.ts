/**
 * Files written where the user did not confirm replacing anything (a folder export, or a name whose extension we
 * added after the save dialog's overwrite question): an existing file is never replaced; the new one gets the
 * next free name, "name (2).ovpn", "name (3).ovpn"…
 */
import { readdir } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { isFileExistsError, writeFileAtomic } from '../fs/atomic-write'
import { createUniqueNamer } from './file-names'

/** Files appearing in the folder while we write (another program) are stepped over this many times at most. */
const MAX_ATTEMPTS = 20

/** The names already in `folder` (none when it cannot be read: the write itself then says why). */
export async function namesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => [])
}

/**
 * Writes `data` into `folder` as a new file named `unique(stem)`, taking the next name when a file of that name
 * appeared meanwhile. Returns the name written.
 */
export async function writeNewFile(folder: string, stem: string, data: string | Uint8Array, unique: (stem: string) => string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const name = unique(stem)
    try {
      await writeFileAtomic(join(folder, name), data, { noReplace: true })
      return name
    } catch (err) {
      if (!isFileExistsError(err) || attempt >= MAX_ATTEMPTS) throw err
    }
  }
}

/**
 * Writes what a save dialog chose. With an extension, the path is the one the dialog asked about replacing, so it
 * is written as it is; without one, `.extension` is ours and the file is written under a free name. Returns the
 * path written.
 */
export async function writeChosenFile(chosen: string, extension: string, data: string | Uint8Array): Promise<string> {
  if (extname(chosen)) {
    await writeFileAtomic(chosen, data)
    return chosen
  }
  const folder = dirname(chosen)
  const unique = createUniqueNamer(`.${extension}`, 'file', await namesIn(folder))
  return join(folder, await writeNewFile(folder, basename(chosen), data, unique))
}
