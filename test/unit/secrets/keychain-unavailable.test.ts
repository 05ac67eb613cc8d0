/**
 * No D-Bus session at all, as on a Linux machine without a desktop session: the user gets an explanation of
 * what to install or unlock, and the key is written nowhere. Vitest runs each test file in its own process, so
 * pointing this process's D-Bus address at nothing does not disturb the other keychain tests.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychain, KeychainUnavailableError } from '../../../src/main/secrets/keychain'
import { createRelayService } from '../../../src/main/relay/service'
import { RELAYS_FILE } from '../../../src/main/relay/store'
import { createProfileService } from '../../../src/main/secrets/profile-service'
import { startFakeConsoleServer } from '../../support/fake-console-server'
import type { FakeConsoleServer } from '../../support/fake-console-server'

process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/iproxy-test-bus'
delete process.env.DISPLAY

const KEY = 'unavailable-keychain-key-7f3a'
let server: FakeConsoleServer

beforeAll(async () => {
  server = await startFakeConsoleServer()
  server.route('GET', '/me', { json: { id: 'u1', username: 'demo', email: 'a@b.c', balance: '1.00' } })
})
afterAll(() => server.close())

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

describe('when the keychain is unavailable', () => {
  it('says what to install or unlock', async () => {
    const error = await createKeychain().set('some-profile', KEY).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    const message = (error as Error).message
    expect(message).toMatch(/system keychain could not be used/)
    if (process.platform === 'linux') expect(message).toMatch(/GNOME Keyring/)
    expect(message).not.toContain(KEY)
    expect((error as KeychainUnavailableError).toBridgeError().code).toBe('keychain_unavailable')
  })

  it('adding a profile fails clearly and leaves no file holding the key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'iproxy-nokeychain-'))
    const logs: string[] = []
    const profiles = createProfileService({ dataDir, keychain: createKeychain(), log: (m, e) => logs.push(`${m} ${String(e)}`) })
    const error = await profiles.add({ name: 'Main', apiKey: KEY, baseUrl: server.baseUrl }).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8')).not.toContain(KEY)
    expect(await profiles.list()).toEqual([])
    expect(logs.join('\n')).not.toContain(KEY)
  })

  it('adding a relay with a local password fails clearly and writes nothing; one without passwords is added', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'iproxy-nokeychain-'))
    const relays = createRelayService({ dataDir, accesses: async () => [] })
    const input = { name: 'Shared', upstreams: [{ kind: 'access' as const, proxyId: 'p1' }], httpPort: 0, socksPort: null, bindAddress: '0.0.0.0', auth: { username: 'me', password: KEY } }
    const error = await relays.create(input).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    expect(filesUnder(dataDir)).toEqual([])
    expect(await relays.list()).toEqual([])

    const plain = await relays.create({ name: 'Local', upstreams: [{ kind: 'access', proxyId: 'p1' }], httpPort: 0, socksPort: null })
    expect((await relays.list()).map((r) => r.name)).toEqual(['Local'])
    expect(plain.login).toBeUndefined()
    expect(readFileSync(join(dataDir, RELAYS_FILE), 'utf8')).not.toContain(KEY)
  })

  it('a relay whose local password is in the keychain fails to start with a keychain error, saying what to do', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'iproxy-nokeychain-'))
    const relay = { id: 'r1', name: 'Office', upstreams: [{ kind: 'access', proxyId: 'p1' }], httpPort: 0, socksPort: null, bindAddress: '0.0.0.0', auth: { username: 'me' }, autostart: false }
    writeFileSync(join(dataDir, RELAYS_FILE), JSON.stringify({ version: 1, relays: [relay], running: [] }))
    const relays = createRelayService({ dataDir, accesses: async () => [] })
    const status = await relays.start('r1')
    expect(status.state).toBe('failed')
    expect(status.lastError).toMatchObject({ kind: 'keychain_unavailable', message: expect.stringMatching(/system keychain could not be used/) as unknown })
    await relays.dispose()
  })
})
