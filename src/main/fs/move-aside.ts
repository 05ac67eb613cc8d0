/**
 * A file the app cannot use (damaged, cut short, written by a newer app) is moved aside rather than written over,
 * so whatever it holds can still be recovered: renamed to `<name>.<kind>-<time>`, with its companions (`-wal`,
 * `-shm` of a database) renamed alongside under the same stamp so they still open together.
 */
import { existsSync, renameSync } from 'node:fs'

/** The new path, or undefined when there was no file to move. Throws when the rename fails. */
export function moveAside(path: string, kind: string, at: number, companions: readonly string[] = []): string | undefined {
  if (!existsSync(path)) return undefined
  const stamp = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')
  let target = `${path}.${kind}-${stamp}`
  for (let n = 2; existsSync(target); n++) target = `${path}.${kind}-${stamp}-${n}`
  renameSync(path, target)
  for (const suffix of companions) if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix)
  return target
}
