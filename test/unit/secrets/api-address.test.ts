/**
 * The API key goes only to the address kept with it in the keychain (issue 17, point 6), against a real Secret
 * Service: a profiles file changed to name another server ("the attacker", a real HTTP server on loopback) is
 * refused with a message that says what to do, and that server never hears from the app. Keys stored before the
 * address was kept with them are read as before and rewritten in the new form.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestContext } from 'vitest'
import { createKeychain } from '../../../src/main/secrets/keychain'
import type { SecretStore } from '../../../src/main/secrets/keychain'
import { createProfileService } from '../../../src/main/secrets/profile-service'
import { profilesFilePath } from '../../../src/main/secrets/profiles-file'
import { startFakeConsoleServer } from '../../support/fake-console-server'
import type { FakeConsoleServer } from '../../support/fake-console-server'
import { keychainEntries, keyringAvailability, storeByHand } from '../../support/keyring'
import { requireSystem } from '../../support/system'

const KEY = 'key-farm-secret-0042'
const USER = { id: 'u1', username: 'farm_owner', email: 'owner@example.com', balance: '1.00' }

let iproxy: FakeConsoleServer
let attacker: FakeConsoleServer
let dataDir: string
let service: string
let keychain: SecretStore
let logs: string[]

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iproxy-api-address-'))
  service = `iproxy-desktop-test-${process.pid}-${Date.now()}`
  keychain = createKeychain({ service })
  logs = []
  iproxy = await startFakeConsoleServer()
  iproxy.route('GET', '/me', (req) => (req.headers.authorization === `Bearer ${KEY}` ? { json: USER } : { status: 401, json: {} }))
  attacker = await startFakeConsoleServer()
  attacker.route('GET', '/me', { json: USER })
})

afterEach(async () => {
  await iproxy.close()
  await attacker.close()
  for (const account of await keychain.accounts().catch(() => [])) await keychain.delete(account).catch(() => false)
  rmSync(dataDir, { recursive: true, force: true })
})

const profileService = () => createProfileService({ dataDir, keychain, log: (m, e) => logs.push(`${m} ${e instanceof Error ? e.message : ''}`) })
const needKeyring = (ctx: TestContext) => requireSystem('Secret Service', keyringAvailability(), ctx.skip)

function rewriteBaseUrl(baseUrl: string): void {
  const file = JSON.parse(readFileSync(profilesFilePath(dataDir), 'utf8')) as { profiles: { baseUrl: string }[] }
  for (const profile of file.profiles) profile.baseUrl = baseUrl
  writeFileSync(profilesFilePath(dataDir), JSON.stringify(file))
}

const attackerHeardTheKey = () => attacker.requests.some((r) => JSON.stringify(r.headers).includes(KEY) || r.bodyText.includes(KEY))

describe('the API address kept with the key', () => {
  it('refuses a profile whose file names another server; that server receives nothing', async (ctx) => {
    if (!needKeyring(ctx)) return
    const added = await profileService().add({ name: 'Farm', apiKey: KEY, baseUrl: iproxy.baseUrl })
    // The keychain item holds the address beside the key; the file still holds no key.
    expect(keychainEntries(added.id, service)).toContain(iproxy.baseUrl)
    expect(readFileSync(profilesFilePath(dataDir), 'utf8')).not.toContain(KEY)

    rewriteBaseUrl(attacker.baseUrl)
    const restarted = profileService()
    expect(await restarted.restoreLastActive()).toBeUndefined()
    expect(logs.join('\n')).toMatch(/could not restore the last active profile/)
    const error = await restarted.activate({ id: added.id }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'api_address_mismatch' })
    const message = (error as Error).message
    expect(message).toContain(attacker.baseUrl)
    expect(message).toContain(iproxy.baseUrl)
    expect(message).toMatch(/was not sent.*put back .*remove the profile and add it again/s)
    expect(message).not.toContain(KEY)
    // Replacing the key would send the new one to the file's address to verify it: refused the same way.
    await expect(restarted.replaceKey({ id: added.id, apiKey: 'key-new-one-0043' })).rejects.toMatchObject({ code: 'api_address_mismatch' })
    await expect(restarted.account.get()).rejects.toMatchObject({ code: 'no_active_profile' })
    expect(attacker.requests).toEqual([])
    expect(attackerHeardTheKey()).toBe(false)

    // Put back, the profile works again, with the real server.
    rewriteBaseUrl(iproxy.baseUrl)
    expect(await profileService().activate({ id: added.id })).toMatchObject({ active: true })
  })

  it('reads a key stored the old way (the bare key), migrates it, and then guards it too', async (ctx) => {
    if (!needKeyring(ctx)) return
    const id = 'old-profile-1'
    writeFileSync(profilesFilePath(dataDir), JSON.stringify({ version: 1, profiles: [{ id, name: 'Old', baseUrl: iproxy.baseUrl, createdAt: '2025-01-01T00:00:00Z' }], activeId: id }))
    storeByHand(service, id, KEY)

    const profiles = profileService()
    expect(await profiles.list()).toEqual([expect.objectContaining({ id, keyHint: '…0042' })])
    expect(await profiles.restoreLastActive()).toMatchObject({ id, active: true })
    expect(await profiles.account.get()).toMatchObject({ username: 'farm_owner' })
    const migrated = JSON.parse(await keychain.get(id) ?? '') as Record<string, unknown>
    expect(migrated).toEqual({ v: 1, key: KEY, baseUrl: iproxy.baseUrl, dataDir })

    rewriteBaseUrl(attacker.baseUrl)
    await expect(profileService().activate({ id })).rejects.toMatchObject({ code: 'api_address_mismatch' })
    expect(attacker.requests).toEqual([])
  })

  it('the same address written another way is the same address', async (ctx) => {
    if (!needKeyring(ctx)) return
    const added = await profileService().add({ name: 'Farm', apiKey: KEY, baseUrl: iproxy.baseUrl })
    rewriteBaseUrl(iproxy.baseUrl.replace(/\/$/, '').replace('http://', 'HTTP://'))
    expect(await profileService().activate({ id: added.id })).toMatchObject({ active: true })
  })
})
