/**
 * The relays the user set up, kept in the data folder as `relays.json` (written atomically), their passwords in
 * the OS keychain (secrets.ts): a relay with a password is added only once the keychain took it, and a file
 * written before passwords moved there is moved over on first read (kept as it is, and logged, while the keychain
 * cannot be used). Ports picked free on first start are written back, so a relay keeps its address across
 * restarts. `running` lists the relays to start with the app. A file that cannot be read is moved aside
 * (`relays.json.unreadable-<time>`), never written over.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { relayDefinitionInputSchema, type RelayDefinitionInput } from '../../shared/relay'
import { writeFileAtomic } from '../fs/atomic-write'
import { readJsonFile, setAside } from '../fs/read-json'
import type { SecretStore } from '../secrets/keychain'
import { decodeSecrets, encodeSecrets, needsSecrets, splitSecrets, type RelaySecrets, type StoredRelay } from './secrets'

export const RELAYS_FILE = 'relays.json'

const fileSchema = z.object({
  version: z.literal(1),
  relays: z.array(
    // The input's fields without its rule (old files may hold a password: the keychain takes it on first read).
    z.strictObject({
      ...relayDefinitionInputSchema.shape,
      id: z.string().min(1),
      auth: z.strictObject({ username: z.string().min(1).max(255), password: z.string().min(1).max(255).optional() }).optional(),
    }),
  ),
  running: z.array(z.string()).default([]),
})

export interface RelayFile {
  relays: StoredRelay[]
  /** Relays that were running when the app last stopped them (started again with `autostart`). */
  running: string[]
}

export interface RelayStore {
  read(): Promise<RelayFile>
  add(input: RelayDefinitionInput): Promise<StoredRelay>
  update(id: string, patch: Partial<StoredRelay>): Promise<StoredRelay | undefined>
  remove(id: string): Promise<boolean>
  setRunning(id: string, running: boolean): Promise<void>
  /** The relay's passwords, from the keychain (throws KeychainUnavailableError when it cannot be read). */
  secretsOf(id: string): Promise<RelaySecrets>
}

export function createRelayStore(options: { dataDir: string; keychain: SecretStore; log?: (line: string) => void }): RelayStore {
  const path = join(options.dataDir, RELAYS_FILE)
  const { keychain } = options
  const log = options.log ?? (() => {})
  let cached: RelayFile | undefined
  let loading: Promise<RelayFile> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const write = (file: RelayFile) => writeFileAtomic(path, `${JSON.stringify({ version: 1, ...file }, null, 2)}\n`)

  /** An old file's passwords go to the keychain and out of the file; while that fails the file stays as it is. */
  async function moveSecrets(file: RelayFile): Promise<void> {
    const split = file.relays.map(splitSecrets)
    if (split.every((s) => s.secrets === undefined)) return
    try {
      for (const [index, { secrets }] of split.entries()) if (secrets) await keychain.set(file.relays[index]!.id, encodeSecrets(secrets))
      const moved = { ...file, relays: split.map((s) => s.definition) }
      await write(moved)
      file.relays = moved.relays
      log(`moved the relays' passwords from ${path} to the keychain`)
    } catch (err) {
      log(`${path} still holds relay passwords: they could not be moved to the keychain (${err instanceof Error ? err.message : String(err)})`)
    }
  }

  /** Read once (the first callers share the read, so an old file's passwords are moved once). */
  function load(): Promise<RelayFile> {
    if (cached) return Promise.resolve(cached)
    loading ??= readFromDisk().then((file) => (cached = file))
    return loading
  }

  async function readFromDisk(): Promise<RelayFile> {
    // Missing: no relays yet. Not JSON or unreadable: moved aside by readJsonFile.
    const value = await readJsonFile(path, log)
    if (value === undefined) return { relays: [], running: [] }
    const parsed = fileSchema.safeParse(value)
    if (parsed.success) {
      const file = parsed.data as RelayFile
      await moveSecrets(file)
      return file
    }
    // JSON, but not a relays file (a newer version's, say): moved aside too, and the relays start afresh.
    const issue = parsed.error.issues[0]
    setAside(path, `it is not a valid relays file (${issue?.path.join('.') || 'the whole file'}: ${issue?.message ?? 'invalid'})`, log)
    return { relays: [], running: [] }
  }

  /** One change at a time, each written before the next starts. */
  function change<T>(edit: (file: RelayFile) => T): Promise<T> {
    const run = queue.then(async () => {
      const file = structuredClone(await load())
      const result = edit(file)
      await write(file)
      cached = file
      return result
    })
    queue = run.catch(() => {})
    return run
  }

  return {
    read: async () => structuredClone(await load()),
    async add(input) {
      const { definition, secrets } = splitSecrets({ id: randomUUID(), ...relayDefinitionInputSchema.parse(input) })
      // The keychain first: a relay whose password could not be kept is not added at all.
      if (secrets) await keychain.set(definition.id, encodeSecrets(secrets))
      try {
        return await change((file) => {
          file.relays.push(definition)
          return definition
        })
      } catch (err) {
        if (secrets) await keychain.delete(definition.id).catch(() => false)
        throw err
      }
    },
    update: (id, patch) =>
      change((file) => {
        const index = file.relays.findIndex((r) => r.id === id)
        if (index < 0) return undefined
        file.relays[index] = { ...file.relays[index]!, ...patch, id }
        return file.relays[index]
      }),
    async remove(id) {
      const removed = await change((file) => {
        const found = file.relays.find((r) => r.id === id)
        file.relays = file.relays.filter((r) => r.id !== id)
        file.running = file.running.filter((r) => r !== id)
        return found
      })
      if (removed && needsSecrets(removed)) {
        await keychain.delete(id).catch((err: unknown) => log(`relay ${id}: its keychain entry could not be removed (${err instanceof Error ? err.message : String(err)})`))
      }
      return removed !== undefined
    },
    setRunning: (id, running) =>
      change((file) => {
        file.running = file.running.filter((r) => r !== id)
        if (running) file.running.push(id)
      }),
    async secretsOf(id) {
      const relay = (await load()).relays.find((r) => r.id === id)
      if (!relay || !needsSecrets(relay)) return { urls: {} }
      // A file the keychain could not take the passwords from yet still holds them.
      return splitSecrets(relay).secrets ?? decodeSecrets(await keychain.get(id)) ?? { urls: {} }
    },
  }
}
