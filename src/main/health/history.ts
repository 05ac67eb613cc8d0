/**
 * Check history, per proxy: the last HEALTH_HISTORY_LIMIT results of each key (proxy id, or a pasted line's
 * `protocol://login@host:port`), kept in the user-data folder as `health-history.json`. Writes are batched (a
 * bulk check of thousands of proxies writes once, not thousands of times) and atomic; `flush()` writes what is
 * pending (on dispose).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { HEALTH_HISTORY_LIMIT, type HealthCheckResult, type HealthHistoryEntry } from '../../shared/health'
import { writeFileAtomic } from '../fs/atomic-write'
import type { Logger } from '../log'

export const HISTORY_FILE = 'health-history.json'
/** Keys kept at most; the least recently checked go first. */
export const HISTORY_MAX_KEYS = 50_000

/**
 * Where check results are kept. This JSON file is the default; the app passes the history database instead
 * (main/history/check-history.ts), which also uses `connectionId` to file an account proxy's check under its phone.
 */
export interface HealthHistory {
  record(key: string, result: HealthCheckResult, connectionId?: string): void
  get(keys: readonly string[]): Promise<Record<string, HealthHistoryEntry[]>>
  flush(): Promise<void>
}

export function toHistoryEntry(result: HealthCheckResult): HealthHistoryEntry {
  const entry: HealthHistoryEntry = { status: result.status, checkedAt: result.checkedAt, totalMs: result.timings.totalMs }
  if (result.exitIp) entry.exitIp = result.exitIp
  if (result.ipMismatch !== undefined) entry.ipMismatch = result.ipMismatch
  if (result.geo?.country) entry.country = result.geo.country
  return entry
}

export function createHealthHistory(options: { dataDir: string; log: Logger; writeDelayMs?: number }): HealthHistory {
  const path = join(options.dataDir, HISTORY_FILE)
  const delay = options.writeDelayMs ?? 1_000
  let data: Map<string, HealthHistoryEntry[]> | undefined
  let loading: Promise<Map<string, HealthHistoryEntry[]>> | undefined
  const pending: Array<[string, HealthHistoryEntry]> = []
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  let dirty = false

  function load(): Promise<Map<string, HealthHistoryEntry[]>> {
    if (data) return Promise.resolve(data)
    loading ??= (async () => {
      const map = new Map<string, HealthHistoryEntry[]>()
      try {
        const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
            if (Array.isArray(v)) map.set(k, v.filter((e) => e && typeof e === 'object' && typeof (e as HealthHistoryEntry).status === 'string').slice(-HEALTH_HISTORY_LIMIT) as HealthHistoryEntry[])
          }
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.log(`could not read ${path}; starting a new check history`, err)
      }
      data = map
      return map
    })()
    return loading
  }

  function apply(map: Map<string, HealthHistoryEntry[]>): void {
    if (pending.length > 0) dirty = true
    for (const [key, entry] of pending.splice(0)) {
      const list = map.get(key) ?? []
      map.delete(key) // re-inserted last: the Map's order is "least recently checked first"
      list.push(entry)
      if (list.length > HEALTH_HISTORY_LIMIT) list.splice(0, list.length - HEALTH_HISTORY_LIMIT)
      map.set(key, list)
    }
    while (map.size > HISTORY_MAX_KEYS) map.delete(map.keys().next().value as string)
  }

  async function write(): Promise<void> {
    timer = undefined
    const map = await load()
    apply(map)
    if (!dirty) return
    dirty = false
    await writeFileAtomic(path, JSON.stringify(Object.fromEntries(map)))
  }

  function schedule(): void {
    if (timer) return
    timer = setTimeout(() => {
      writing = writing.then(write).catch((err: unknown) => options.log('could not save the check history', err))
    }, delay)
    timer.unref?.()
  }

  return {
    record(key, result) {
      pending.push([key, toHistoryEntry(result)])
      schedule()
    },
    async get(keys) {
      const map = await load()
      apply(map)
      const out: Record<string, HealthHistoryEntry[]> = {}
      for (const key of keys) {
        const list = map.get(key)
        if (list) out[key] = [...list]
      }
      return out
    },
    async flush() {
      if (timer) {
        clearTimeout(timer)
        timer = undefined
        writing = writing.then(write).catch((err: unknown) => options.log('could not save the check history', err))
      }
      await writing
    },
  }
}
