/**
 * OpenVPN config files on disk: one file, many files into a folder, or one .zip. A config is written only after
 * its base64 decodes and its SHA-1 matches `config_sha1`; every file is written atomically (temporary file in the
 * same folder, then rename), so a failure never leaves a partial or temporary file, and an existing file is only
 * replaced once the new one is complete.
 */
import { createHash, randomBytes } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { AppError } from '../app-error'
import { describeWriteError, writeFileAtomic } from '../fs/atomic-write'
import { createUniqueNamer } from './file-names'

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
  written: Array<{ name: string; path: string }>
  failed: Array<{ name: string; reason: string }>
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

type Loaded = { job: OvpnJob; bytes: Buffer } | { job: OvpnJob; error: string }

async function loadAll(jobs: readonly OvpnJob[], concurrency: number): Promise<Loaded[]> {
  return mapLimit(jobs, concurrency, async (job): Promise<Loaded> => {
    try {
      return { job, bytes: verifyOvpnConfig(await job.load(), job.name) }
    } catch (err) {
      return { job, error: reasonOf(err) }
    }
  })
}

/**
 * Writes each config as `<safe unique name>.ovpn` into `folder`. A config that fails to load or verify is reported
 * by name and the others are still written. Throws before loading anything when the folder is not writable.
 */
export async function writeOvpnFolder(folder: string, jobs: readonly OvpnJob[], options: { concurrency?: number } = {}): Promise<OvpnBatchResult> {
  await assertWritableFolder(folder)
  const unique = createUniqueNamer('.ovpn', 'vpn')
  const result: OvpnBatchResult = { written: [], failed: [] }
  for (const item of await loadAll(jobs, options.concurrency ?? 4)) {
    if ('error' in item) {
      result.failed.push({ name: item.job.name, reason: item.error })
      continue
    }
    const fileName = unique(item.job.name)
    const path = join(folder, fileName)
    try {
      await writeFileAtomic(path, item.bytes)
      result.written.push({ name: fileName, path })
    } catch (err) {
      result.failed.push({ name: item.job.name, reason: reasonOf(err) })
    }
  }
  return result
}

/**
 * Writes every config that loads and verifies into one .zip at `zipPath` (built in memory, then written
 * atomically). When none does, no zip is written.
 */
export async function writeOvpnZip(zipPath: string, jobs: readonly OvpnJob[], options: { concurrency?: number; mtime?: Date } = {}): Promise<OvpnBatchResult> {
  const unique = createUniqueNamer('.ovpn', 'vpn')
  const result: OvpnBatchResult = { written: [], failed: [] }
  const entries: Zippable = {}
  const mtime = options.mtime ?? new Date()
  for (const item of await loadAll(jobs, options.concurrency ?? 4)) {
    if ('error' in item) {
      result.failed.push({ name: item.job.name, reason: item.error })
      continue
    }
    const fileName = unique(item.job.name)
    entries[fileName] = [new Uint8Array(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength), { mtime }]
    result.written.push({ name: fileName, path: zipPath })
  }
  if (result.written.length > 0) await writeFileAtomic(zipPath, zipSync(entries, { level: 6 }))
  return result
}
