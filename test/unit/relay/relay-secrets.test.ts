/**
 * A relay's passwords (its local login's and those of pasted upstream URLs) live in the OS keychain, a real
 * Secret Service here, and never in relays.json: added, used to start the relay, moved out of a file an older
 * version wrote, and removed with the relay.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { RELAY_KEYCHAIN_SERVICE } from '../../../src/main/relay/secrets'
import { createRelayService } from '../../../src/main/relay/service'
import { RELAYS_FILE } from '../../../src/main/relay/store'
import { relayDefinitionInputSchema } from '../../../src/shared/relay'
import { keychainAccounts, keychainEntries, keyringAvailability } from '../../support/keyring'
import { requireSystem } from '../../support/system'
import { curl, echoThrough, simUpstream } from './support'

let sim: Simulator
let client: IproxyClient
const dirs: string[] = []
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, maxRetries: 0 })
})
afterAll(async () => {
  await client.close()
  await sim.stop()
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iproxy-relay-secrets-'))
  dirs.push(dir)
  return dir
}

const LOCAL_PASSWORD = 'local-Relay-pass-5521'

describe('relay passwords in the keychain (a real Secret Service)', () => {
  it('keeps the local and upstream passwords out of relays.json, starts with them, and removes them with the relay', async (ctx) => {
    if (!requireSystem('Secret Service', keyringAvailability(), ctx.skip)) return
    const { upstream, exitIp } = simUpstream(sim, 'socks5')
    const url = `socks5://${encodeURIComponent(upstream.username!)}:${encodeURIComponent(upstream.password!)}@${upstream.host}:${upstream.port}`
    const dir = await dataDir()
    const logs: string[] = []
    const service = createRelayService({ dataDir: dir, accesses: () => client.proxies.list(), log: (l) => logs.push(l) })
    try {
      const created = await service.create({
        name: 'Pasted',
        upstreams: [{ kind: 'url', url }],
        httpPort: 0,
        socksPort: 0,
        bindAddress: '0.0.0.0',
        auth: { username: 'me', password: LOCAL_PASSWORD },
      })
      expect(created.login).toBe('me')
      const file = await readFile(join(dir, RELAYS_FILE), 'utf8')
      expect(file).not.toContain(upstream.password!)
      expect(file).not.toContain(LOCAL_PASSWORD)
      expect(file).toContain(`socks5://${encodeURIComponent(upstream.username!)}@${upstream.host}:${upstream.port}`)
      const entry = keychainEntries(created.id, RELAY_KEYCHAIN_SERVICE)
      expect(entry).toContain(LOCAL_PASSWORD)
      expect(entry).toContain(encodeURIComponent(upstream.password!))

      // A new service (the app started again) reads the passwords back from the keychain.
      await service.dispose()
      const again = createRelayService({ dataDir: dir, accesses: () => client.proxies.list() })
      const started = await again.start(created.id)
      expect(started.state).toBe('running')
      const http = started.listeners.find((l) => l.kind === 'http')!.port
      const socks = started.listeners.find((l) => l.kind === 'socks5')!.port
      expect((await echoThrough('http', http, sim.echoUrl, ['-U', `me:${LOCAL_PASSWORD}`])).ip).toBe(exitIp)
      expect((await echoThrough('socks5', socks, sim.echoUrl, ['-U', `me:${LOCAL_PASSWORD}`])).ip).toBe(exitIp)
      expect((await curl(['-x', `http://127.0.0.1:${http}`, '-o', '/dev/null', '-w', '%{http_code}', sim.echoUrl])).stdout).toBe('407')

      expect(await again.remove(created.id)).toBe(true)
      expect(keychainAccounts(RELAY_KEYCHAIN_SERVICE)).not.toContain(created.id)
      await again.dispose()
      expect(logs.join('\n')).not.toContain(LOCAL_PASSWORD)
      expect(logs.join('\n')).not.toContain(upstream.password!)
    } finally {
      await service.dispose()
    }
  })

  it('moves the passwords of a relays.json an older version wrote into the keychain on first read', async (ctx) => {
    if (!requireSystem('Secret Service', keyringAvailability(), ctx.skip)) return
    const { upstream, exitIp } = simUpstream(sim, 'http', 1)
    const url = `http://${encodeURIComponent(upstream.username!)}:${encodeURIComponent(upstream.password!)}@${upstream.host}:${upstream.port}`
    const dir = await dataDir()
    const id = `old-${Date.now()}`
    const old = { id, name: 'Old', upstreams: [{ kind: 'url', url }], httpPort: 0, socksPort: null, bindAddress: '127.0.0.1', auth: { username: 'me', password: LOCAL_PASSWORD }, autostart: false }
    await writeFile(join(dir, RELAYS_FILE), JSON.stringify({ version: 1, relays: [old], running: [] }))
    const service = createRelayService({ dataDir: dir, accesses: () => client.proxies.list() })
    try {
      const [listed] = await service.list()
      expect(listed).toMatchObject({ id, name: 'Old', login: 'me' })
      const file = await readFile(join(dir, RELAYS_FILE), 'utf8')
      expect(file).not.toContain(LOCAL_PASSWORD)
      expect(file).not.toContain(encodeURIComponent(upstream.password!))
      expect(keychainEntries(id, RELAY_KEYCHAIN_SERVICE)).toContain(LOCAL_PASSWORD)

      const started = await service.start(id)
      expect(started.state).toBe('running')
      expect((await echoThrough('http', started.listeners[0]!.port, sim.echoUrl, ['-U', `me:${LOCAL_PASSWORD}`])).ip).toBe(exitIp)
      await service.remove(id)
    } finally {
      await service.dispose()
    }
  })
})

describe('the rule for other computers', () => {
  it('a relay listening beyond loopback is refused without a local login, naming the field', () => {
    const input = { name: 'Open', upstreams: [{ kind: 'access', proxyId: 'p1' }], httpPort: 0, socksPort: null, bindAddress: '0.0.0.0' } as const
    const refused = relayDefinitionInputSchema.safeParse(input)
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]).toMatchObject({ path: ['auth'], message: expect.stringMatching(/login and password/) as unknown })
    expect(relayDefinitionInputSchema.safeParse({ ...input, auth: { username: 'me', password: 'x' } }).success).toBe(true)
    expect(relayDefinitionInputSchema.safeParse({ ...input, bindAddress: '127.0.0.1' }).success).toBe(true)
  })
})
