/**
 * The update feed against a local HTTP server serving what electron-builder publishes (latest-linux.yml,
 * latest.yml and the installer): a newer, the same and an older version; a malformed feed; a download cut off
 * half way and resumed with a Range request; and a file whose SHA-512 is not the feed's, refused and deleted.
 * Each step is fed through the update model, as the shell feeds electron-updater's events.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkFeed, compareVersions, downloadUpdate, UpdateFeedError } from '../../../src/main/update/feed'
import { INITIAL_UPDATE_STATE, reduceUpdate, shouldDownload, type UpdateEvent } from '../../../src/main/update/model'
import type { UpdateState } from '../../../src/shared/update'

const INSTALLER = randomBytes(256 * 1024)
const SHA512 = createHash('sha512').update(INSTALLER).digest('base64')
const feedYaml = (version: string, sha512 = SHA512) => `version: ${version}
files:
  - url: iProxy-Desktop-${version}-linux-x86_64.AppImage
    sha512: ${sha512}
    size: ${INSTALLER.length}
path: iProxy-Desktop-${version}-linux-x86_64.AppImage
sha512: ${sha512}
releaseDate: '2026-12-01T10:00:00.000Z'
releaseNotes: Fixes the proxy list export.
`

let server: Server
let feedUrl = ''
const routes = new Map<string, string | Buffer>()
const requests: Array<{ path: string; range?: string }> = []
/** Bytes after which the next installer download is cut off (once). */
let cutAfter: number | undefined

function serveFile(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
  const start = range ? Number(range[1]) : 0
  if (start >= body.length) {
    res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end()
    return
  }
  const slice = body.subarray(start)
  const headers = { 'content-length': slice.length, 'accept-ranges': 'bytes', ...(range ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) }
  res.writeHead(range ? 206 : 200, headers)
  if (cutAfter !== undefined) {
    const cut = cutAfter
    cutAfter = undefined
    // The bytes are flushed, then the connection drops (a network cut, not a clean end).
    res.write(slice.subarray(0, cut), () => setTimeout(() => res.destroy(), 50))
    return
  }
  res.end(slice)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({ path, ...(req.headers.range ? { range: req.headers.range } : {}) })
    const body = routes.get(path)
    if (body === undefined) res.writeHead(404).end('not found')
    else if (Buffer.isBuffer(body)) serveFile(req, res, body)
    else res.writeHead(200, { 'content-type': 'text/yaml' }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
})
beforeEach(() => {
  routes.clear()
  requests.length = 0
  cutAfter = undefined
})

const run = (events: UpdateEvent[], from: UpdateState = INITIAL_UPDATE_STATE) => events.reduce(reduceUpdate, from)

describe('the update feed', () => {
  it('offers a newer version with its notes, resolving the file against the feed (Linux reads latest-linux.yml)', async () => {
    routes.set('/releases/latest-linux.yml', feedYaml('1.3.0'))
    const check = await checkFeed({ feedUrl, channel: 'stable', platform: 'linux', currentVersion: '1.2.0' })
    expect(check).toEqual({
      kind: 'newer',
      release: { version: '1.3.0', releaseDate: '2026-12-01T10:00:00.000Z', releaseNotes: 'Fixes the proxy list export.' },
      file: { url: `${feedUrl}iProxy-Desktop-1.3.0-linux-x86_64.AppImage`, sha512: SHA512, size: INSTALLER.length },
    })
    const state = run([{ type: 'check-started' }, check.kind === 'newer' ? { type: 'update-available', ...check.release } : { type: 'error', message: '' }])
    expect(state).toMatchObject({ kind: 'available', version: '1.3.0', releaseNotes: 'Fixes the proxy list export.' })
    expect(shouldDownload(state, { channel: 'stable', onlyNotify: false })).toBe(true)
    expect(shouldDownload(state, { channel: 'stable', onlyNotify: true })).toBe(false)
  })

  it('says nothing is new for the same version or an older one (Windows reads latest.yml, beta reads beta.yml)', async () => {
    routes.set('/releases/latest.yml', feedYaml('1.2.0'))
    routes.set('/releases/beta.yml', feedYaml('1.1.9'))
    expect(await checkFeed({ feedUrl, channel: 'stable', platform: 'win32', currentVersion: '1.2.0' })).toEqual({ kind: 'same' })
    expect(await checkFeed({ feedUrl, channel: 'beta', platform: 'win32', currentVersion: '1.2.0' })).toEqual({ kind: 'older', version: '1.1.9' })
    expect(run([{ type: 'check-started' }, { type: 'update-not-available', at: '2026-12-06T05:00:00Z' }])).toEqual({ kind: 'idle', lastCheckedAt: '2026-12-06T05:00:00Z' })
  })

  it('refuses a malformed feed: not YAML, no version, a checksum that is not SHA-512', async () => {
    for (const body of ['version: [1.3.0\nfiles: {', 'files:\n  - url: a.AppImage\n    sha512: x\n', feedYaml('1.3.0', 'abc123')]) {
      routes.set('/releases/latest-linux.yml', body)
      const err = await checkFeed({ feedUrl, channel: 'stable', platform: 'linux', currentVersion: '1.2.0' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(UpdateFeedError)
      expect((err as UpdateFeedError).reason).toBe('malformed')
    }
    routes.delete('/releases/latest-linux.yml')
    await expect(checkFeed({ feedUrl, channel: 'stable', platform: 'linux', currentVersion: '1.2.0' })).rejects.toMatchObject({ reason: 'unreachable' })
  })

  it('resumes a download cut off half way with a Range request, then verifies and keeps it', async () => {
    routes.set('/releases/app.AppImage', INSTALLER)
    const dest = join(mkdtempSync(join(tmpdir(), 'iproxy-update-')), 'app.AppImage')
    const file = { url: `${feedUrl}app.AppImage`, sha512: SHA512, size: INSTALLER.length }
    let state = run([{ type: 'update-available', version: '1.3.0' }])
    const onProgress = (p: { transferred: number; total: number }) => (state = reduceUpdate(state, { type: 'download-progress', ...p }))

    cutAfter = 100_000
    await expect(downloadUpdate({ file, dest, onProgress })).rejects.toMatchObject({ reason: 'download' })
    // All that arrived before the cut is kept.
    const kept = statSync(`${dest}.part`).size
    expect(kept).toBe(100_000)
    expect(existsSync(dest)).toBe(false)
    expect(state).toMatchObject({ kind: 'downloading', version: '1.3.0', total: INSTALLER.length })
    expect(state.kind === 'downloading' && state.percent).toBeLessThan(100)

    await downloadUpdate({ file, dest, onProgress })
    expect(requests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`])
    expect(readFileSync(dest).equals(INSTALLER)).toBe(true)
    expect(existsSync(`${dest}.part`)).toBe(false)
    expect(state).toMatchObject({ kind: 'downloading', percent: 100 })
    expect(reduceUpdate(state, { type: 'update-downloaded', version: '1.3.0' })).toMatchObject({ kind: 'ready', version: '1.3.0' })
  })

  it('refuses a file whose SHA-512 is not the feed\'s: deleted, never put in place', async () => {
    const tampered = Buffer.from(INSTALLER)
    tampered[1000] = (tampered[1000]! + 1) % 256
    routes.set('/releases/app.AppImage', tampered)
    const dest = join(mkdtempSync(join(tmpdir(), 'iproxy-update-')), 'app.AppImage')
    const err = await downloadUpdate({ file: { url: `${feedUrl}app.AppImage`, sha512: SHA512 }, dest }).catch((e: unknown) => e)
    expect(err).toMatchObject({ reason: 'checksum' })
    expect(existsSync(dest)).toBe(false)
    expect(existsSync(`${dest}.part`)).toBe(false)
    expect(reduceUpdate({ kind: 'downloading', version: '1.3.0', percent: 100, transferred: 1, total: 1 }, { type: 'error', message: (err as Error).message }))
      .toEqual({ kind: 'error', message: (err as Error).message, release: { version: '1.3.0' } })
  })

  it('orders versions as semantic versions (a beta is older than its release)', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1)
    expect(compareVersions('1.3.0-beta.2', '1.3.0')).toBe(-1)
    expect(compareVersions('1.3.0-beta.10', '1.3.0-beta.9')).toBe(1)
    expect(compareVersions('v2.0.0', '2.0.0')).toBe(0)
  })
})
