/**
 * The update feed in plain Node: what electron-updater does with a `latest*.yml` feed, written so it can be tested
 * against a local HTTP server without Electron (test/unit/update). It reads the feed file electron-builder
 * publishes (YAML: `version`, `files: [{ url, sha512, size }]`, `releaseDate`, `releaseNotes`), says whether its
 * version is newer than the running one, downloads the file with resume (HTTP Range onto a `.part` file), and
 * refuses a file whose SHA-512 (base64, as electron-builder writes it) is not the feed's.
 *
 * The app's shell uses electron-updater itself (shell-updater.ts); this is the same contract, kept checkable.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { load } from 'js-yaml'
import { z } from 'zod'
import type { UpdateRelease, UpdateSettings } from '../../shared/update'
import { feedFileName } from './model'

export class UpdateFeedError extends Error {
  override name = 'UpdateFeedError'
  constructor(
    readonly reason: 'unreachable' | 'malformed' | 'download' | 'checksum',
    message: string,
  ) {
    super(message)
  }
}

const SEMVER_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/
const SHA512_BASE64_RE = /^[A-Za-z0-9+/]{86}==$/

const feedSchema = z.looseObject({
  version: z.string().regex(SEMVER_RE, 'is not a semantic version'),
  files: z.array(z.looseObject({ url: z.string().min(1), sha512: z.string().regex(SHA512_BASE64_RE, 'is not a base64 SHA-512'), size: z.number().int().positive().optional() })).min(1),
  releaseDate: z.string().optional(),
  releaseNotes: z.union([z.string(), z.array(z.looseObject({ note: z.string().nullish() }))]).nullish(),
})

export interface UpdateFile {
  /** Absolute: the feed's relative URL resolved against the feed's own. */
  url: string
  sha512: string
  size?: number
}

export type FeedCheck = { kind: 'newer'; release: UpdateRelease; file: UpdateFile } | { kind: 'same' } | { kind: 'older'; version: string }

/** -1, 0 or 1, by semantic-version precedence (a pre-release is older than its release). */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER_RE.exec(a)
  const pb = SEMVER_RE.exec(b)
  if (!pa || !pb) throw new RangeError(`not a semantic version: ${pa ? b : a}`)
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i])
    if (d !== 0) return Math.sign(d)
  }
  const [preA, preB] = [pa[4], pb[4]]
  if (preA === preB) return 0
  if (preA === undefined) return 1
  if (preB === undefined) return -1
  const [xa, xb] = [preA.split('.'), preB.split('.')]
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const [ia, ib] = [xa[i], xb[i]]
    if (ia === undefined) return -1
    if (ib === undefined) return 1
    const [na, nb] = [/^\d+$/.test(ia) ? Number(ia) : Number.NaN, /^\d+$/.test(ib) ? Number(ib) : Number.NaN]
    const d = !Number.isNaN(na) && !Number.isNaN(nb) ? na - nb : Number.isNaN(na) !== Number.isNaN(nb) ? (Number.isNaN(na) ? 1 : -1) : ia.localeCompare(ib)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

function notesOf(notes: z.output<typeof feedSchema>['releaseNotes']): string | undefined {
  if (typeof notes === 'string') return notes
  if (Array.isArray(notes)) return notes.map((n) => n.note ?? '').filter(Boolean).join('\n\n') || undefined
  return undefined
}

/** Reads `<feedUrl>/<latest*.yml>` and compares its version with `currentVersion`. */
export async function checkFeed(options: { feedUrl: string; channel: UpdateSettings['channel']; platform: string; currentVersion: string; signal?: AbortSignal }): Promise<FeedCheck> {
  const url = new URL(feedFileName(options.channel, options.platform), options.feedUrl.endsWith('/') ? options.feedUrl : `${options.feedUrl}/`)
  let text: string
  try {
    const res = await fetch(url, { ...(options.signal ? { signal: options.signal } : {}), headers: { 'cache-control': 'no-cache' } })
    if (!res.ok) throw new UpdateFeedError('unreachable', `The update feed answered HTTP ${res.status} for ${url.pathname}.`)
    text = await res.text()
  } catch (err) {
    if (err instanceof UpdateFeedError) throw err
    throw new UpdateFeedError('unreachable', `The update feed could not be reached: ${err instanceof Error ? err.message : String(err)}`)
  }
  let doc: unknown
  try {
    doc = load(text)
  } catch {
    throw new UpdateFeedError('malformed', `The update feed ${url.pathname} is not valid YAML.`)
  }
  const parsed = feedSchema.safeParse(doc)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UpdateFeedError('malformed', `The update feed ${url.pathname} is not a release description (${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}).`)
  }
  const feed = parsed.data
  const order = compareVersions(feed.version, options.currentVersion)
  if (order === 0) return { kind: 'same' }
  if (order < 0) return { kind: 'older', version: feed.version }
  const first = feed.files[0]!
  const notes = notesOf(feed.releaseNotes)
  return {
    kind: 'newer',
    release: { version: feed.version, ...(feed.releaseDate ? { releaseDate: feed.releaseDate } : {}), ...(notes ? { releaseNotes: notes } : {}) },
    file: { url: new URL(first.url, url).href, sha512: first.sha512, ...(first.size ? { size: first.size } : {}) },
  }
}

async function sha512Base64(path: string): Promise<string> {
  const hash = createHash('sha512')
  await pipeline(createReadStream(path), hash)
  return hash.digest('base64')
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

/**
 * Downloads `file` to `dest`, through `dest.part`: a `.part` left by an interrupted download is resumed with an
 * HTTP Range (a server that ignores Range sends it all again, and the part restarts). The finished file is renamed
 * into place only when its SHA-512 matches the feed's; otherwise the part is deleted and nothing is installed.
 */
export async function downloadUpdate(options: {
  file: UpdateFile
  dest: string
  onProgress?: (progress: { transferred: number; total: number }) => void
  signal?: AbortSignal
}): Promise<string> {
  const part = `${options.dest}.part`
  const have = await sizeOf(part)
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {}
  let res: Response
  try {
    res = await fetch(options.file.url, { headers, ...(options.signal ? { signal: options.signal } : {}) })
  } catch (err) {
    throw new UpdateFeedError('download', `The update could not be downloaded: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (res.status === 416 && have > 0) {
    // The part is already whole (or longer than the file): start over rather than trust it.
    await rm(part, { force: true })
    await res.body?.cancel()
    return downloadUpdate(options)
  }
  if (!res.ok || !res.body) throw new UpdateFeedError('download', `The update download answered HTTP ${res.status}.`)
  const resumed = res.status === 206 && have > 0
  const start = resumed ? have : 0
  const length = Number(res.headers.get('content-length') ?? Number.NaN)
  const total = options.file.size ?? (Number.isFinite(length) ? start + length : 0)
  let transferred = start
  // Each chunk is on disk before the next is read, so an interrupted download keeps all that arrived.
  const out = await open(part, resumed ? 'a' : 'w')
  try {
    for await (const chunk of Readable.fromWeb(res.body as WebReadableStream<Uint8Array>)) {
      await out.write(chunk as Uint8Array)
      transferred += (chunk as Uint8Array).length
      options.onProgress?.({ transferred, total })
    }
  } catch (err) {
    // The part stays: the next attempt resumes from it.
    throw new UpdateFeedError('download', `The update download was interrupted after ${transferred} bytes: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await out.close()
  }
  if ((await sha512Base64(part)) !== options.file.sha512) {
    await rm(part, { force: true })
    throw new UpdateFeedError('checksum', 'The downloaded update does not match the SHA-512 the feed gives for it, so it was deleted and not installed.')
  }
  await rename(part, options.dest)
  return options.dest
}
