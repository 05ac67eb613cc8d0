/**
 * OpenVPN config files on disk: one file, many files into a folder, or one .zip. A config is written only after
 * its base64 decodes and its SHA-1 matches `config_sha1`; every file is written atomically (temporary file in the
 * same folder, then rename), so a failure never leaves a partial or temporary file. A folder export never replaces
 * a file already there (the new one gets "name (2).ovpn"); see new-file.ts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { OvpnManyResult } from '../../shared/exports'
import { AppError } from '../app-error'
import { describeWriteError, writeFileAtomic } from '../fs/atomic-write'
import { createUniqueNamer } from './file-names'
import { namesIn, writeChosenFile, writeNewFile } from './new-file'
import { scriptsToConfirm } from './ovpn-scripts'

export interface RawOvpnConfig {
  config_base64: string
  config_sha1: string
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/

const sha1 = (data: Uint8Array | string): string => createHash('sha1').update(data).digest('hex')

/**
 * The config's bytes, once its base64 decodes and its SHA-1 matches. The sum is accepted over the decoded file or
 * over the base64 text as sent (the API docs say only "sha1 checksum of a config"), as the API client does.
 */
export function verifyOvpnConfig(raw: RawOvpnConfig, name: string): Buffer {
  const compact = raw.config_base64.replace(/\s+/g, '')
  if (compact === '' || !BASE64_RE.test(compact) || compact.length % 4 === 1) {
    throw new AppError('ovpn_invalid', `The OpenVPN config of "${name}" is not valid base64, so nothing was saved. Try again.`, { name, field: 'config_base64' })
  }
  const bytes = Buffer.from(compact, 'base64')
  const expected = raw.config_sha1.trim().toLowerCase()
  if (sha1(bytes) !== expected && sha1(raw.config_base64) !== expected) {
    throw new AppError(
      'ovpn_checksum',
      `The OpenVPN config of "${name}" does not match its SHA-1 checksum (it was damaged on the way), so nothing was saved. Try again.`,
      { name, field: 'config_sha1' },
    )
  }
  return bytes
}

/** Verifies, then writes one .ovpn file atomically. Nothing is written when the config is bad. */
export async function writeOvpnFile(path: string, raw: RawOvpnConfig, name: string): Promise<void> {
  const bytes = verifyOvpnConfig(raw, name)
  await writeFileAtomic(path, bytes)
}

/** Throws a clear `write_failed` error when nothing can be created in `folder`; leaves nothing behind. */
export async function assertWritableFolder(folder: string): Promise<void> {
  const probe = join(folder, `.iproxy-write-check-${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(probe, 'wx', 0o600)
    await handle.close()
  } catch (err) {
    const described = describeWriteError(err, folder)
    throw new AppError('write_failed', described.message.replace(/^Could not save /, 'Could not save into '), described.details)
  } finally {
    await rm(probe, { force: true }).catch(() => {})
  }
}

export interface OvpnJob {
  /** `<connection name> - <vpn name>`: the file's stem before sanitizing, and the name failures are reported by. */
  name: string
  load: () => Promise<RawOvpnConfig>
}

export interface OvpnBatchResult {
  written: OvpnManyResult['written']
  failed: OvpnManyResult['failed']
  withScripts: OvpnManyResult['withScripts']
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))
/** The error's code, for the page to word the failure in its language. */
const codeOf = (err: unknown): { code?: string } => {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? { code } : {}
}

/** A config downloaded and verified (its bytes), or why it could not be. */
export type LoadedOvpn = { name: string; bytes: Buffer } | { name: string; error: string; code?: string }

/**
 * Downloads and verifies every job's config, `concurrency` at a time, before anything is written: so what a file
 * would do when opened can be checked (ovpn-scripts.ts) before the user picks where it goes.
 */
export async function loadOvpnConfigs(jobs: readonly OvpnJob[], concurrency = 4): Promise<LoadedOvpn[]> {
  return mapLimit(jobs, concurrency, async (job): Promise<LoadedOvpn> => {
    try {
      return { name: job.name, bytes: verifyOvpnConfig(await job.load(), job.name) }
    } catch (err) {
      return { name: job.name, error: reasonOf(err), ...codeOf(err) }
    }
  })
}

/**
 * Writes each config as `<safe unique name>.ovpn` into `folder`, never replacing a file already there: the new one
 * gets the next free " (N)" name, and its entry says which name it would have had. A config that failed to load or
 * verify is reported by name and the others are still written. Throws before writing anything when the folder is
 * not writable.
 */
export async function writeOvpnFolder(folder: string, configs: readonly LoadedOvpn[]): Promise<OvpnBatchResult> {
  await assertWritableFolder(folder)
  const unique = createUniqueNamer('.ovpn', 'vpn', await namesIn(folder))
  // The names the files would have in an empty folder, to tell which ones stepped aside for a file already there.
  const intended = createUniqueNamer('.ovpn', 'vpn')
  const result: OvpnBatchResult = { written: [], failed: [], withScripts: [] }
  for (const item of configs) {
    if ('error' in item) {
      result.failed.push({ name: item.name, reason: item.error, ...(item.code ? { code: item.code } : {}) })
      continue
    }
    const wanted = intended(item.name)
    try {
      const fileName = await writeNewFile(folder, item.name, item.bytes, unique)
      result.written.push({ name: fileName, path: join(folder, fileName), ...(fileName === wanted ? {} : { insteadOf: wanted }) })
      result.withScripts.push(...scriptsToConfirm([item]))
    } catch (err) {
      result.failed.push({ name: item.name, reason: reasonOf(err), ...codeOf(err) })
    }
  }
  return result
}

/**
 * Writes every config that loaded and verified into one .zip (built in memory, then written atomically) at
 * `target`, or at `target.zip` under a free name when the extension was not given. When none did, no zip is
 * written. `path` is the zip's.
 */
export async function writeOvpnZip(target: string, configs: readonly LoadedOvpn[], options: { mtime?: Date } = {}): Promise<OvpnBatchResult & { path: string }> {
  const unique = createUniqueNamer('.ovpn', 'vpn')
  const names: string[] = []
  const failed: OvpnBatchResult['failed'] = []
  const entries: Zippable = {}
  const mtime = options.mtime ?? new Date()
  for (const item of configs) {
    if ('error' in item) {
      failed.push({ name: item.name, reason: item.error, ...(item.code ? { code: item.code } : {}) })
      continue
    }
    const fileName = unique(item.name)
    entries[fileName] = [new Uint8Array(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength), { mtime }]
    names.push(fileName)
  }
  const path = names.length > 0 ? await writeChosenFile(target, 'zip', zipSync(entries, { level: 6 })) : extname(target) ? target : `${target}.zip`
  const withScripts = names.length > 0 ? scriptsToConfirm(configs.filter((c): c is Extract<LoadedOvpn, { bytes: Buffer }> => 'bytes' in c)) : []
  return { path, written: names.map((name) => ({ name, path })), failed, withScripts }
}
