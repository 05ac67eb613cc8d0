/**
 * Profiles against a real Secret Service and a real HTTP API on loopback that behaves like iProxy about keys:
 * GET /me answers only the current key, POST /me/api-key replaces it (the old one stops working).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestContext } from 'vitest'
import { createKeychain } from '../../../src/main/secrets/keychain'
import { createProfileService } from '../../../src/main/secrets/profile-service'
import { startFakeConsoleServer } from '../../support/fake-console-server'
import type { FakeConsoleServer, RecordedRequest } from '../../support/fake-console-server'
import { keychainEntries, keyringAvailability } from '../../support/keyring'
import { requireSystem } from '../../support/system'

const USER = { id: 'u1', username: 'farm_owner', email: 'owner@example.com', balance: '15.89', display_name: 'Owner' }

let server: FakeConsoleServer
let currentKey: string
let dataDir: string
let logs: string[]
const keychain = createKeychain()
const createdIds: string[] = []

function authorized(req: RecordedRequest): boolean {
  return req.headers.authorization === `Bearer ${currentKey}`
}
const unauthorized = { status: 401, json: { error: { code: 'unauthorized', message: 'invalid api key' } } }

beforeEach(async () => {
  currentKey = 'key-original-0001'
  dataDir = mkdtempSync(join(tmpdir(), 'iproxy-profiles-'))
  logs = []
  server = await startFakeConsoleServer()
  server.route('GET', '/me', (req) => (authorized(req) ? { json: USER } : unauthorized))
  server.route('POST', '/me/api-key', (req) => {
    if (!authorized(req)) return unauthorized
    currentKey = `key-rotated-${Date.now()}`
    return { json: { api_key: currentKey } }
  })
  server.route('POST', '/me/update-basic-info', (req) =>
    authorized(req) ? { json: { id: USER.id, ...(req.json as object) } } : unauthorized,
  )
})

afterEach(async () => {
  await server.close()
  for (const id of createdIds.splice(0)) await keychain.delete(id).catch(() => false)
})

function service() {
  const profiles = createProfileService({ dataDir, keychain, log: (m, e) => logs.push(`${m} ${e instanceof Error ? e.message : String(e ?? '')}`) })
  return profiles
}

function everythingOnDisk(dir = dataDir): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? everythingOnDisk(join(dir, entry.name)) : readFileSync(join(dir, entry.name), 'utf8')))
    .join('\n')
}

function needKeyring(ctx: TestContext): boolean {
  return requireSystem('Secret Service', keyringAvailability(), ctx.skip)
}

describe('profiles', () => {
  it('adds a verified key to the keychain, lists it with a hint only, and activates it', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = service()
    const added = await profiles.add({ name: 'My farm', apiKey: currentKey, baseUrl: server.baseUrl })
    createdIds.push(added.id)
    expect(added).toMatchObject({ name: 'My farm', keyHint: '…0001', active: true, demo: false })
    expect(keychainEntries(added.id)).toContain('key-original-0001')
    expect(await profiles.account.get()).toMatchObject({ username: 'farm_owner', balance: '15.89' })

    // A fresh service (the app restarted) reads the hint back from the keychain and restores the active profile.
    const restarted = service()
    expect(await restarted.list()).toEqual([expect.objectContaining({ id: added.id, keyHint: '…0001', active: false })])
    expect(await restarted.restoreLastActive()).toMatchObject({ id: added.id, active: true })
    expect(everythingOnDisk()).not.toContain('key-original')
  })

  it('refuses a key iProxy rejects and stores nothing', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = service()
    const error = await profiles.add({ name: 'Typo', apiKey: 'key-wrong-9999', baseUrl: server.baseUrl }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'key_rejected', message: expect.stringContaining('rejected') })
    expect((error as Error).message).not.toContain('key-wrong-9999')
    expect(await profiles.list()).toEqual([])
    expect(keychainEntries()).not.toContain('key-wrong-9999')
  })

  it('renames, replaces the key (verified first) and removes, deleting the keychain entry', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = service()
    const added = await profiles.add({ name: 'Client A', apiKey: currentKey, baseUrl: server.baseUrl })
    createdIds.push(added.id)
    expect(await profiles.rename({ id: added.id, name: 'Client A (EU)' })).toMatchObject({ name: 'Client A (EU)' })

    await expect(profiles.replaceKey({ id: added.id, apiKey: 'key-not-valid-0000' })).rejects.toMatchObject({ code: 'key_rejected' })
    expect(keychainEntries(added.id)).toContain('key-original-0001')

    currentKey = 'key-replaced-0002'
    expect(await profiles.replaceKey({ id: added.id, apiKey: currentKey })).toMatchObject({ keyHint: '…0002' })
    expect(keychainEntries(added.id)).toContain('key-replaced-0002')
    expect(await profiles.account.get()).toMatchObject({ id: 'u1' })

    await profiles.remove({ id: added.id })
    expect(keychainEntries(added.id)).not.toContain('key-replaced-0002')
    expect(await profiles.list()).toEqual([])
    await expect(profiles.account.get()).rejects.toMatchObject({ code: 'no_active_profile' })
    expect(everythingOnDisk()).not.toContain('key-')
  })

  it('rotates the key: the new one is stored before success and never returned, the old one is gone', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = service()
    const added = await profiles.add({ name: 'Rotating', apiKey: currentKey, baseUrl: server.baseUrl })
    createdIds.push(added.id)
    const result = await profiles.account.rotateApiKey()
    expect(currentKey).toMatch(/^key-rotated-/)
    expect(result).toEqual({ keyHint: `…${currentKey.slice(-4)}` })
    expect(JSON.stringify(result)).not.toContain(currentKey)
    expect(keychainEntries(added.id)).toContain(currentKey)
    expect(keychainEntries(added.id)).not.toContain('key-original-0001')
    // The app keeps working with the new key, now and after a restart.
    expect(await profiles.account.get()).toMatchObject({ id: 'u1' })
    expect(await service().activate({ id: added.id })).toMatchObject({ active: true })
    expect(everythingOnDisk()).not.toContain(currentKey)
    expect(logs.join('\n')).not.toContain(currentKey)
  })

  it('a rotation that fails midway leaves the old key stored and working', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = service()
    const added = await profiles.add({ name: 'Unlucky', apiKey: currentKey, baseUrl: server.baseUrl })
    createdIds.push(added.id)
    server.route('POST', '/me/api-key', { status: 500, json: { error: { code: 'internal', message: 'boom' } } })
    await expect(profiles.account.rotateApiKey()).rejects.toMatchObject({ code: 'server_error' })
    expect(keychainEntries(added.id)).toContain('key-original-0001')
    expect(await profiles.account.get()).toMatchObject({ id: 'u1' })
  })

  it('updates the display name, telegram and proxy prefix of the account', async (ctx) => {
    if (!needKeyring(ctx)) return
    const profiles = service()
    const added = await profiles.add({ name: 'Main', apiKey: currentKey, baseUrl: server.baseUrl })
    createdIds.push(added.id)
    expect(await profiles.account.updateBasicInfo({ display_name: 'Jane', telegram: '@jane' })).toMatchObject({
      display_name: 'Jane',
      telegram: '@jane',
    })
  })
})
