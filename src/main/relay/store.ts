/**
 * The relays the user set up, kept in the data folder as `relays.json` (written atomically, mode 0600: it holds
 * the local passwords and any pasted upstream URL with its password). Ports picked free on first start are
 * written back, so a relay keeps its address across restarts. `running` lists the relays to start with the app.
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { relayDefinitionInputSchema, type RelayDefinition, type RelayDefinitionInput } from '../../shared/relay'
import { writeFileAtomic } from '../fs/atomic-write'

export const RELAYS_FILE = 'relays.json'

const fileSchema = z.object({
  version: z.literal(1),
  relays: z.array(relayDefinitionInputSchema.extend({ id: z.string().min(1) })),
  running: z.array(z.string()).default([]),
})

export interface RelayFile {
  relays: RelayDefinition[]
  /** Relays that were running when the app last stopped them (started again with `autostart`). */
  running: string[]
}

export interface RelayStore {
  read(): Promise<RelayFile>
  add(input: RelayDefinitionInput): Promise<RelayDefinition>
  update(id: string, patch: Partial<RelayDefinition>): Promise<RelayDefinition | undefined>
  remove(id: string): Promise<boolean>
  setRunning(id: string, running: boolean): Promise<void>
}

export function createRelayStore(options: { dataDir: string; log?: (line: string) => void }): RelayStore {
  const path = join(options.dataDir, RELAYS_FILE)
  let cached: RelayFile | undefined
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<RelayFile> {
    if (cached) return cached
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
      if (parsed.success) cached = parsed.data as RelayFile
      else options.log?.(`${path} is not a valid relays file; starting with no relays`)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.log?.(`could not read ${path}; starting with no relays`)
    }
    cached ??= { relays: [], running: [] }
    return cached
  }

  /** One change at a time, each written before the next starts. */
  function change<T>(edit: (file: RelayFile) => T): Promise<T> {
    const run = queue.then(async () => {
      const file = structuredClone(await load())
      const result = edit(file)
      await writeFileAtomic(path, `${JSON.stringify({ version: 1, ...file }, null, 2)}\n`)
      cached = file
      return result
    })
    queue = run.catch(() => {})
    return run
  }

  return {
    read: async () => structuredClone(await load()),
    add: (input) =>
      change((file) => {
        const definition: RelayDefinition = { id: randomUUID(), ...relayDefinitionInputSchema.parse(input) }
        file.relays.push(definition)
        return definition
      }),
    update: (id, patch) =>
      change((file) => {
        const index = file.relays.findIndex((r) => r.id === id)
        if (index < 0) return undefined
        file.relays[index] = { ...file.relays[index]!, ...patch, id }
        return file.relays[index]
      }),
    remove: (id) =>
      change((file) => {
        const before = file.relays.length
        file.relays = file.relays.filter((r) => r.id !== id)
        file.running = file.running.filter((r) => r !== id)
        return file.relays.length < before
      }),
    setRunning: (id, running) =>
      change((file) => {
        file.running = file.running.filter((r) => r !== id)
        if (running) file.running.push(id)
      }),
  }
}
