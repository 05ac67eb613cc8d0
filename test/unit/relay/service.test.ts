/**
 * The relay service on the simulator's account: a relay given by proxy access IDs, its free ports kept in
 * relays.json across a restart, a failover switch written to the real history database as a `relay_switch` action.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { openAppHistory } from '../../../src/main/history/app-history'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { createRelayService } from '../../../src/main/relay/service'
import { echoThrough, simUpstream } from './support'

let sim: Simulator
let client: IproxyClient
let dir: string
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, maxRetries: 0 })
  dir = await mkdtemp(join(tmpdir(), 'iproxy-relays-'))
})
afterAll(async () => {
  await client.close()
  await sim.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('relay service', () => {
  it('keeps picked ports across restarts and records a failover switch in history', async () => {
    const first = simUpstream(sim, 'socks5', 0)
    const second = simUpstream(sim, 'http', 1)
    const history = openAppHistory(dir, () => {})
    const service = createRelayService({
      dataDir: dir,
      accesses: () => client.proxies.list(),
      recordAction: (a) => history.store.recordAction(a),
    })
    try {
      const created = await service.create({
        name: 'Moscow phone',
        upstreams: [{ kind: 'access', proxyId: first.proxyId }, { kind: 'access', proxyId: second.proxyId }],
        httpPort: 0,
        socksPort: 0,
        autostart: true,
      })
      expect(created.state).toBe('stopped')
      const started = await service.start(created.id)
      expect(started.state).toBe('running')
      const socks = started.listeners.find((l) => l.kind === 'socks5')!.port
      const http = started.listeners.find((l) => l.kind === 'http')!.port
      expect(socks).toBeGreaterThan(0)
      expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(first.exitIp)

      const saved = JSON.parse(await readFile(join(dir, 'relays.json'), 'utf8')) as { relays: Array<{ socksPort: number; httpPort: number }>; running: string[] }
      expect(saved.relays[0]).toMatchObject({ socksPort: socks, httpPort: http })
      expect(saved.running).toEqual([created.id])

      // The first phone's proxy goes away: three failed connects in a row switch the group.
      await sim.listeners.close(first.proxyId)
      for (let i = 0; i < 3; i++) expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(second.exitIp)
      const [status] = await service.list()
      expect(status!.activeUpstream).toBe(1)
      const events = history.store.events({ from: 0, to: Date.now() + 1_000, kinds: ['action'] }).events
      const sw = events.find((e) => e.kind === 'action' && e.action === 'relay_switch')
      expect(sw).toBeDefined()
      expect(JSON.stringify(sw)).toContain('Moscow phone')
      expect(JSON.stringify(sw)).not.toContain(first.upstream.password!)

      // The app stops and starts again: the relay comes back on the same ports.
      await service.dispose()
      const again = createRelayService({ dataDir: dir, accesses: () => client.proxies.list() })
      await again.startRemembered()
      const [back] = await again.list()
      expect(back!.state).toBe('running')
      expect(back!.listeners).toEqual(started.listeners)
      // A fresh start knows nothing of the old failures: the first phone is tried, refused, and the second serves.
      expect((await echoThrough('http', http, sim.echoUrl)).ip).toBe(second.exitIp)
      await again.dispose()
    } finally {
      await service.dispose()
      await history.dispose()
    }
  })

  it('a connection reported offline (the watch engine) skips its proxy in a running group at once, and back when online', async () => {
    const first = simUpstream(sim, 'socks5', 2)
    const second = simUpstream(sim, 'socks5', 3)
    const folder = await mkdtemp(join(tmpdir(), 'iproxy-relays-'))
    const service = createRelayService({ dataDir: folder, accesses: () => client.proxies.list() })
    try {
      const created = await service.create({ name: 'Group', upstreams: [{ kind: 'access', proxyId: first.proxyId }, { kind: 'access', proxyId: second.proxyId }], httpPort: null, socksPort: 0 })
      const started = await service.start(created.id)
      const socks = started.listeners[0]!.port
      expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(first.exitIp)
      service.connectionHealth(first.connectionId, false, 'the phone went offline')
      expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(second.exitIp)
      const [status] = await service.list()
      expect(status!.switches[0]).toMatchObject({ reason: 'the phone went offline' })
      service.connectionHealth(first.connectionId, true, 'back online')
      expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(first.exitIp)
    } finally {
      await service.dispose()
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('a relays.json it cannot read is moved aside, not written over: its contents stay for the user', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'iproxy-relays-'))
    const damaged = '{"version":1,"relays":[{"id":"r1","name":"Moscow phone", cut short'
    await writeFile(join(folder, 'relays.json'), damaged)
    const logs: string[] = []
    const service = createRelayService({ dataDir: folder, accesses: () => client.proxies.list(), log: (l) => logs.push(l) })
    try {
      expect(await service.list()).toEqual([])
      const aside = (await readdir(folder)).filter((f) => f.startsWith('relays.json.unreadable-'))
      expect(aside).toHaveLength(1)
      expect(await readFile(join(folder, aside[0]!), 'utf8')).toBe(damaged)
      expect(logs.join('\n')).toMatch(/relays\.json: it is not JSON; using the defaults \(the file is now .*relays\.json\.unreadable-/)

      const { proxyId } = simUpstream(sim, 'socks5', 4)
      await service.create({ name: 'Fresh', upstreams: [{ kind: 'access', proxyId }], httpPort: 0, socksPort: null })
      expect((await service.list()).map((r) => r.name)).toEqual(['Fresh'])
      expect(await readFile(join(folder, aside[0]!), 'utf8')).toBe(damaged)

      // JSON, but not a relays file this app can read (a newer version's, say): moved aside the same way.
      await service.dispose()
      await writeFile(join(folder, 'relays.json'), '{"version":2,"relays":[]}')
      const again = createRelayService({ dataDir: folder, accesses: () => client.proxies.list(), log: (l) => logs.push(l) })
      expect(await again.list()).toEqual([])
      expect((await readdir(folder)).filter((f) => f.startsWith('relays.json.unreadable-'))).toHaveLength(2)
      expect(logs.join('\n')).toMatch(/it is not a valid relays file \(version: .*\); using the defaults \(the file is now /)
      await again.dispose()
    } finally {
      await service.dispose()
      await rm(folder, { recursive: true, force: true })
    }
  })
})
