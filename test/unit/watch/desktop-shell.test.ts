/**
 * The fleet watch as the desktop runs it (desktop-watch.ts, desktop-shell.ts), on the real parts: the engine and the
 * alert sink built by watch-parts.ts against the simulator and a history file. The shell's Electron parts are
 * recording ports here (tray drawn, notices shown, login item set, window opened, quit).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { EventName, EventPayload } from '../../../src/shared/bridge'
import { openHistoryStore, type HistoryStore } from '../../../src/main/history'
import { checkHistoryInStore } from '../../../src/main/history/check-history'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { createDesktopShell, type ShellPorts } from '../../../src/main/watch/desktop-shell'
import { createDesktopState } from '../../../src/main/watch/desktop-state'
import { createDesktopWatch, type DesktopWatch } from '../../../src/main/watch/desktop-watch'
import type { TrayView } from '../../../src/main/watch/tray-model'
import type { DesktopNotice } from '../../../src/main/watch/types'
import { createWatchParts } from '../../../src/main/watch/watch-parts'
import type { LoginItem } from '../../../src/main/watch/window-model'

interface Rig {
  dir: string
  sims: Simulator[]
  clients: Map<string, IproxyClient>
  store: HistoryStore
  watch: DesktopWatch
  emitted: Array<{ name: EventName; payload: unknown }>
  notices: DesktopNotice[]
  profile: { id: string | undefined }
  close(): Promise<void>
}

const rigs: Rig[] = []
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close()
})

/** Two accounts ("a", "b") on two simulators; the active profile is `rig.profile.id`. */
async function openRig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'iproxy-desktop-watch-'))
  const log = () => undefined
  const sims = [await startSimulator({ seed: 'demo' }), await startSimulator({ seed: 'demo' })]
  const clients = new Map(sims.map((sim, i) => [i === 0 ? 'a' : 'b', createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, timeoutMs: 5_000 })]))
  const store = await openHistoryStore(dir, { log })
  const emitted: Rig['emitted'] = []
  const notices: DesktopNotice[] = []
  const profile: Rig['profile'] = { id: 'a' }
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void emitted.push({ name, payload })
  const parts = createWatchParts({
    userDataDir: dir,
    log,
    history: store,
    checks: checkHistoryInStore(store, log),
    client: () => (profile.id ? clients.get(profile.id) : undefined),
    notify: (notice) => void notices.push(notice),
    language: () => 'en',
    demoEchoUrl: async () => undefined,
  })
  const watch = createDesktopWatch({ emit, log, activeProfileId: () => profile.id, language: () => 'en' }, parts)
  const rig: Rig = {
    dir,
    sims,
    clients,
    store,
    watch,
    emitted,
    notices,
    profile,
    async close() {
      await watch.dispose()
      for (const client of clients.values()) await client.close()
      await store.close()
      for (const sim of sims) await sim.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  rigs.push(rig)
  return rig
}

const nameOf = (sim: Simulator, name: string) => {
  const found = [...sim.state.connections.values()].find((c) => c.name === name)
  if (!found) throw new Error(`no demo connection ${name}`)
  return found.id
}

async function hold(sim: Simulator, id: string, status: 'offline' | 'online'): Promise<void> {
  const response = await fetch(`${sim.origin}/_control/connections/${id}/status`, { method: 'POST', body: JSON.stringify({ status }) })
  expect(response.status).toBe(200)
}

describe('the desktop watch', () => {
  it('watches the active profile, tells the page what it raises, and starts over on another profile', async () => {
    const rig = await openRig()
    await rig.watch.implementations['watch.updateSettings']({ offlineAfterSeconds: 0 })
    await rig.watch.start()
    expect(rig.watch.status().running).toBe(true)
    await rig.watch.engine.runCycle()
    const [simA, simB] = rig.sims as [Simulator, Simulator]
    // Listeners in main hear them too (wiring.ts passes them to the relays' failover groups).
    const heard: string[] = []
    rig.watch.listen({ raised: (events) => heard.push(...events.map((e) => `${e.kind} ${e.connectionId}`)) })
    await hold(simA, nameOf(simA, 'Moscow MTS 01'), 'offline')
    await rig.watch.engine.runCycle()
    expect(heard).toEqual([`connection_offline ${nameOf(simA, 'Moscow MTS 01')}`])
    const raised = rig.emitted.filter((e) => e.name === 'watch.raised').flatMap((e) => e.payload as Array<{ kind: string; connectionName?: string }>)
    expect(raised).toEqual([expect.objectContaining({ kind: 'connection_offline', connectionName: 'Moscow MTS 01' })])
    // The desktop channel showed it (desktop notifications are on by default).
    await expect.poll(() => rig.notices.length).toBe(1)
    expect(rig.emitted.some((e) => e.name === 'watch.status' && (e.payload as { state: string }).state === 'some_offline')).toBe(true)

    // Another account: a new engine, which takes that account's phones as they are (no alert carried over).
    const first = rig.watch.engine
    await hold(simB, nameOf(simB, 'London EE'), 'offline')
    rig.profile.id = 'b'
    await rig.watch.profileMayHaveChanged()
    expect(rig.watch.engine).not.toBe(first)
    rig.emitted.length = 0
    await rig.watch.engine.runCycle()
    expect(rig.emitted.filter((e) => e.name === 'watch.raised')).toEqual([])
    expect(rig.watch.status()).toMatchObject({ running: true, state: 'some_offline' })

    // No profile, or watching turned off: nothing is watched.
    rig.profile.id = undefined
    await rig.watch.profileMayHaveChanged()
    expect(rig.watch.status().running).toBe(false)
    rig.profile.id = 'a'
    await rig.watch.profileMayHaveChanged()
    expect(rig.watch.status().running).toBe(true)
    await rig.watch.implementations['watch.updateSettings']({ enabled: false })
    expect(rig.watch.status().running).toBe(false)
  })

  it('pauses and resumes alerts, and says so in its status', async () => {
    const rig = await openRig()
    await rig.watch.start()
    const paused = rig.watch.pause(60)
    expect(paused.pausedUntil).toBeGreaterThan(Date.now() + 59 * 60_000)
    expect(rig.emitted.at(-1)).toMatchObject({ name: 'watch.status', payload: { pausedUntil: paused.pausedUntil } })
    expect(rig.watch.pause(0).pausedUntil).toBeUndefined()
  })
})

describe('the desktop shell', () => {
  function recordingPorts(withTray = true) {
    const seen = { trays: [] as TrayView[], notices: [] as DesktopNotice[], loginItems: [] as LoginItem[], opened: 0, quit: 0 }
    const ports: ShellPorts = {
      ...(withTray ? { showTray: (view: TrayView) => void seen.trays.push(view) } : {}),
      notify: (notice) => void seen.notices.push(notice),
      setLoginItem: (item) => void seen.loginItems.push(item),
      openWindow: () => void seen.opened++,
      quit: () => void seen.quit++,
      log: () => undefined,
    }
    return { seen, ports }
  }

  it('keeps the tray drawn from the status and runs its menu', async () => {
    const rig = await openRig()
    await rig.watch.start()
    const { seen, ports } = recordingPorts()
    const shell = await createDesktopShell(rig.watch, createDesktopState(rig.dir), ports)
    await rig.watch.engine.runCycle()
    expect(seen.trays.at(-1)).toMatchObject({ icon: 'offline' })
    shell.onTrayAction('pause')
    const paused = seen.trays.at(-1)?.menu.map((item) => (item.kind === 'action' ? item.action : item.kind))
    expect(paused).toContain('resume')
    shell.onTrayAction('resume')
    expect(seen.trays.at(-1)?.menu.some((item) => item.kind === 'action' && item.action === 'pause')).toBe(true)
    shell.onTrayAction('open')
    shell.onTrayAction('quit')
    expect([seen.opened, seen.quit]).toEqual([1, 1])
    shell.dispose()
  })

  it('hides the window on close and says so once, remembered across starts; closes it when the setting is off', async () => {
    const rig = await openRig()
    const first = recordingPorts()
    const shell = await createDesktopShell(rig.watch, createDesktopState(rig.dir), first.ports)
    expect(shell.onWindowClose(false)).toBe('hide')
    expect(shell.onWindowClose(false)).toBe('hide')
    expect(first.seen.notices.map((n) => n.title)).toEqual(['iProxy Desktop keeps watching'])
    expect(shell.onWindowClose(true)).toBe('close')
    expect(shell.quitWhenAllWindowsClosed('linux')).toBe(false)
    shell.dispose()

    // The next start of the app (once the file is written): told already.
    await expect.poll(async () => await createDesktopState(rig.dir).toldAboutTray()).toBe(true)
    const second = recordingPorts()
    const again = await createDesktopShell(rig.watch, createDesktopState(rig.dir), second.ports)
    expect(again.onWindowClose(false)).toBe('hide')
    expect(second.seen.notices).toEqual([])

    await rig.watch.implementations['watch.updateSettings']({ keepWatchingWhenClosed: false, startAtLogin: true })
    expect(again.onWindowClose(false)).toBe('close')
    expect(again.quitWhenAllWindowsClosed('linux')).toBe(true)
    expect(second.seen.loginItems).toEqual([{ openAtLogin: true, openAsHidden: true, args: ['--hidden'] }])
    again.dispose()
  })

  it('closes the window where there is no tray to come back from', async () => {
    const rig = await openRig()
    const { ports } = recordingPorts(false)
    const shell = await createDesktopShell(rig.watch, createDesktopState(rig.dir), ports)
    expect(shell.onWindowClose(false)).toBe('close')
    shell.dispose()
  })
})
