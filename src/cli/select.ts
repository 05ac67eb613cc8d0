/**
 * Connection IDs given on the command line, checked against the account before anything is done: an ID that is
 * not there is named (a typo must not silently check or rotate fewer phones than asked).
 */
import type { Connection } from '../shared/iproxy'
import { usageError } from './exit-codes'

export function requireKnownConnections(connections: readonly Connection[], ids: readonly string[], flag: string): void {
  const known = new Set(connections.map((c) => c.id))
  const unknown = [...new Set(ids)].filter((id) => !known.has(id))
  if (unknown.length === 0) return
  const list = unknown.map((id) => `"${id}"`).join(', ')
  throw usageError(`${flag}: no connection with the ID ${list} in this account. Run "iproxy connections" to list the IDs.`)
}

/** Connection names by id (lists and checks show names beside ids). */
export function namesById(connections: readonly Connection[]): Map<string, string> {
  return new Map(connections.map((c) => [c.id, c.basic_info.name]))
}

/** `--connection a,b --connection c` and `--connection a b` both give [a, b, c]. */
export function collectIds(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)]
}
