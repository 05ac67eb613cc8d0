/**
 * The self-healing rules the user keeps, in the data folder as `rules.json` ({ "rules": [...] }, written
 * atomically). No file means no rules: rules are off until the user writes one (the page may offer EXAMPLE_RULE
 * as a template). The file can be edited by hand, so it is read again whenever it changed on disk.
 *
 * A bad file never silently becomes "no rules" and never stops the rules already running: `read()` throws a
 * RulesFileError naming the bad field (the page and `iproxy watch` show it), while `current()` keeps giving the
 * last good rules to the watch and logs the problem once.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { RulesFile } from '../../shared/rules'
import { AppError } from '../app-error'
import { writeFileAtomic } from '../fs/atomic-write'
import type { Logger } from '../log'
import { parseRulesFile, parseRulesText, type RulesFileError } from './validate'

export const RULES_FILE = 'rules.json'
/** A rules file is small (100 rules at most); anything past this is not one. */
export const MAX_RULES_FILE_BYTES = 2_000_000

export interface RulesStore {
  /** The rules in the file now; throws a RulesFileError naming the bad field when the file is not valid. */
  read(): Promise<RulesFile>
  /** The last good rules (none before one was read), for the watch: never throws, logs a bad file once. */
  current(): Promise<RulesFile>
  /** Checks the rules whole (each filter parsed too), then writes them; a RulesFileError names the bad field. */
  save(file: RulesFile): Promise<RulesFile>
  /** Called after each save and each change found on disk, with the good rules. */
  onChange(listener: (file: RulesFile) => void): () => void
}

/** Reads one rules file (`iproxy watch --rules FILE`): the rules, or an error naming the file and the bad field. */
export async function readRulesFile(path: string): Promise<RulesFile> {
  let text: string
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new AppError('read_failed', `${path}: is not a file.`)
    if (info.size > MAX_RULES_FILE_BYTES) throw new AppError('read_failed', `${path}: is ${info.size} bytes, too large for a rules file.`)
    text = await readFile(path, 'utf8')
  } catch (err) {
    if (err instanceof AppError) throw err
    const code = (err as NodeJS.ErrnoException).code
    throw new AppError('read_failed', `${path}: ${code === 'ENOENT' ? 'no such file' : `could not be read${code ? ` (${code})` : ''}`}.`, { path })
  }
  return parseRulesText(text, path)
}

export function createRulesStore(options: { dataDir: string; log: Logger }): RulesStore {
  const path = join(options.dataDir, RULES_FILE)
  let good: RulesFile = { rules: [] }
  /** What was read for the file as it is on disk now (its mtime and size), so an unchanged file is not parsed again. */
  let seen: { stamp: string; result: RulesFile | RulesFileError | AppError } | undefined
  const listeners = new Set<(file: RulesFile) => void>()
  let queue: Promise<unknown> = Promise.resolve()

  const changed = (file: RulesFile) => {
    for (const listener of listeners) {
      try {
        listener(file)
      } catch (err) {
        options.log('a rules listener failed', err)
      }
    }
  }

  /** The file as it is now: its rules or the error reading it, parsed only when its stamp changed. */
  async function load(): Promise<RulesFile | RulesFileError | AppError> {
    let stamp: string
    try {
      const info = await stat(path)
      stamp = `${info.mtimeMs}:${info.size}`
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return new AppError('read_failed', `${path}: could not be read.`, { path })
      stamp = 'none'
    }
    if (seen?.stamp === stamp) return seen.result
    let result: RulesFile | RulesFileError | AppError
    try {
      result = stamp === 'none' ? { rules: [] } : await readRulesFile(path)
    } catch (err) {
      result = err instanceof AppError ? err : new AppError('read_failed', `${path}: could not be read.`, { path })
    }
    seen = { stamp, result }
    if (result instanceof Error) {
      options.log(`the rules in ${path} are not valid; the last good rules stay in use: ${result.message}`)
    } else {
      good = result
      changed(good)
    }
    return result
  }

  return {
    async read() {
      const result = await load()
      if (result instanceof Error) throw result
      return structuredClone(result)
    },
    async current() {
      await load()
      return structuredClone(good)
    },
    save(file) {
      const run = queue.then(async () => {
        const checked = parseRulesFile(file, RULES_FILE)
        await writeFileAtomic(path, `${JSON.stringify(checked, null, 2)}\n`)
        // What was just written is what the next read finds: not parsed again, nor announced twice.
        const info = await stat(path)
        seen = { stamp: `${info.mtimeMs}:${info.size}`, result: checked }
        good = checked
        changed(good)
        return structuredClone(checked)
      })
      queue = run.catch(() => undefined)
      return run
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
