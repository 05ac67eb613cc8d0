/**
 * Profile changes at the same time (issue 17, point 5), against a real Secret Service: parallel adds, renames and
 * removes keep every profile and leave no key behind, and keys no profile owns are found and removed. Each test
 * uses its own keychain service name, so other test files' entries (run in parallel in the same keyring) are not
 * taken for orphans, and secret-tool, not our code, says what is really in the keychain.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestContext } from 'vitest'
import { createKeychain } from '../../../src/main/secrets/keychain'
import type { SecretStore } from '../../../src/main/secrets/keychain'
import { createProfileService } from '../../../src/main/secrets/profile-service'
import { startFakeConsoleServer } from '../../support/fake-console-server'
import type { FakeConsoleServer } from '../../support/fake-console-server'
import { keychainAccounts, keyringAvailability, storeByHand } from '../../support/keyring'
import { requireSystem } from '../../support/system'

let server: FakeConsoleServer
let dataDir: string
let service: string
let keychain: SecretStore
let logs: string[]

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iproxy-profiles-race-'))
  service = `iproxy-desktop-test-${process.pid}-${Date.now()}`
  keychain = createKeychain({ service })
  logs = []
  server = await startFakeConsoleServer()
  // Any key that looks like ours is valid; a short delay lets the adds overlap as they would over a network.
  server.route('GET', '/me', async (req) => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    return /^Bearer key-/.test(req.headers.authorization ?? '') ? { json: { id: 'u1', username: 'u', email: 'a@b.c', balance: '1' } } : { status: 401, json: {} }
  })
})

afterEach(async () => {
  await server.close()
  for (const account of await keychain.accounts().catch(() => [])) await keychain.delete(account).catch(() => false)
})

const profileService = () => createProfileService({ dataDir, keychain, log: (m) => logs.push(m) })
const needKeyring = (ctx: TestContext) => requireSystem('Secret Service', keyringAvailability(), ctx.skip)
const names = async (profiles: ReturnType<typeof profileService>) => (await profiles.list()).map((p) => p.name).sort()

describe('profile changes at the same time', () => {
  it('five parallel adds keep five profiles, each with its own key, and no orphan', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = profileService()
    const added = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => profiles.add({ name: `Farm ${n}`, apiKey: `key-farm-000${n}`, baseUrl: server.baseUrl })),
    )
    expect(new Set(added.map((p) => p.id)).size).toBe(5)
    // A restarted app reads the same five from the file, each key from the keychain.
    const restarted = profileService()
    expect(await names(restarted)).toEqual(['Farm 1', 'Farm 2', 'Farm 3', 'Farm 4', 'Farm 5'])
    expect((await restarted.list()).map((p) => p.keyHint).sort()).toEqual(['…0001', '…0002', '…0003', '…0004', '…0005'])
    expect(keychainAccounts(service)).toEqual(added.map((p) => p.id).sort())
    expect(await restarted.listOrphanKeys()).toEqual([])
  })

  it('parallel adds, renames and removes all take effect and leave no key behind', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = profileService()
    const a = await profiles.add({ name: 'A', apiKey: 'key-a-0001', baseUrl: server.baseUrl })
    const b = await profiles.add({ name: 'B', apiKey: 'key-b-0002', baseUrl: server.baseUrl })
    const c = await profiles.add({ name: 'C', apiKey: 'key-c-0003', baseUrl: server.baseUrl })
    await Promise.all([
      profiles.rename({ id: a.id, name: 'A renamed' }),
      profiles.remove({ id: b.id }),
      profiles.add({ name: 'D', apiKey: 'key-d-0004', baseUrl: server.baseUrl }),
      profiles.rename({ id: c.id, name: 'C renamed' }),
      profiles.add({ name: 'E', apiKey: 'key-e-0005', baseUrl: server.baseUrl }),
      profiles.activate({ id: a.id }),
    ])
    const restarted = profileService()
    expect(await names(restarted)).toEqual(['A renamed', 'C renamed', 'D', 'E'])
    expect(keychainAccounts(service)).toEqual((await restarted.list()).map((p) => p.id).sort())
    expect(keychainAccounts(service)).not.toContain(b.id)
    expect(await restarted.listOrphanKeys()).toEqual([])
  })

  it('lists keys no profile owns and removes only those, never a profile’s own key', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = profileService()
    const kept = await profiles.add({ name: 'Kept', apiKey: 'key-kept-0001', baseUrl: server.baseUrl })
    storeByHand(service, 'left-by-a-crash', 'key-stray-7777')
    storeByHand(service, 'another-stray', 'key-other-8888')

    const restarted = profileService()
    expect(await restarted.reportOrphanKeys()).toEqual(
      expect.arrayContaining([{ id: 'left-by-a-crash', keyHint: '…7777' }, { id: 'another-stray', keyHint: '…8888' }]),
    )
    expect(logs.join('\n')).toMatch(/2 API key\(s\) no profile owns \(.*left-by-a-crash/)
    expect(logs.join('\n')).not.toMatch(/7777|8888/)
    expect((await restarted.listOrphanKeys()).map((o) => o.id).sort()).toEqual(['another-stray', 'left-by-a-crash'])

    // The page asks to remove a profile's key too: it is refused silently, the strays go.
    expect(await restarted.removeOrphanKeys({ ids: ['left-by-a-crash', kept.id, 'another-stray', 'never-existed'] })).toEqual({
      removed: ['left-by-a-crash', 'another-stray'],
    })
    expect(keychainAccounts(service)).toEqual([kept.id])
    expect(await restarted.listOrphanKeys()).toEqual([])
    expect(await restarted.activate({ id: kept.id })).toMatchObject({ name: 'Kept', active: true, keyHint: '…0001' })
  })

  it('a key saved by another data folder is that folder’s, until its profiles file no longer lists it', async (ctx) => {
    if (!needKeyring(ctx)) return
    const here = profileService()
    await here.add({ name: 'Here', apiKey: 'key-here-0001', baseUrl: server.baseUrl })
    // The command line with --data-dir (or a second copy of the app) shares the keychain, not the profiles file.
    const otherDir = mkdtempSync(join(tmpdir(), 'iproxy-profiles-other-'))
    const there = createProfileService({ dataDir: otherDir, keychain, log: () => {} })
    const theirs = await there.add({ name: 'There', apiKey: 'key-there-0002', baseUrl: server.baseUrl })
    expect(await here.listOrphanKeys()).toEqual([])
    expect(await there.listOrphanKeys()).toEqual([])
    expect(await here.removeOrphanKeys({ ids: [theirs.id] })).toEqual({ removed: [] })

    rmSync(otherDir, { recursive: true, force: true })
    expect(await here.listOrphanKeys()).toEqual([{ id: theirs.id, keyHint: '…0002' }])
    expect(await here.removeOrphanKeys({ ids: [theirs.id] })).toEqual({ removed: [theirs.id] })
    expect(keychainAccounts(service)).toHaveLength(1)
  })
})
