/**
 * What the watch engine tests share: the simulator on loopback with the project's own client, a real history file,
 * a clock the test moves, the control surface over HTTP, and an AlertSink that keeps what it is given.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/main/demo'
import { openHistoryStore, type HistoryStore } from '../../../src/main/history'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { createWatchEngine, type FullWatchEngine, type WatchEngineOptions } from '../../../src/main/watch/engine'
import type { ScheduledChecks } from '../../../src/main/watch/scheduled-checks'
import type { AlertSink } from '../../../src/main/watch/types'
import { DEFAULT_WATCH_SETTINGS, type AlertChannel, type AlertTestResult, type WatchEvent, type WatchSettings } from '../../../src/shared/watch'

/** A real AlertSink that delivers nowhere and remembers every batch it was handed. */
export class RecordingSink implements AlertSink {
  readonly batches: WatchEvent[][] = []
  private paused: number | undefined
  disposed = false

  deliver(events: readonly WatchEvent[]): void {
    this.batches.push([...events])
  }
  async test(channel: AlertChannel): Promise<AlertTestResult[]> {
    return [{ channel, ok: true, target: 'recording' }]
  }
  pauseUntil(until: number | undefined): void {
    this.paused = until
  }
  pausedUntil(): number | undefined {
    return this.paused
  }
  async dispose(): Promise<void> {
    this.disposed = true
  }
  kinds(): string[][] {
    return this.batches.map((b) => b.map((e) => e.kind))
  }
}

export interface WatchRig {
  sim: Simulator
  client: IproxyClient
  store: HistoryStore
  sink: RecordingSink
  engine: FullWatchEngine
  settings: WatchSettings
  /** The engine's clock (ms); `advance` moves it. */
  now(): number
  advance(seconds: number): void
  /** One cycle `seconds` after the last. */
  cycleAfter(seconds: number): Promise<WatchEvent[]>
  control(path: string, body?: unknown): Promise<unknown>
  statusRequests(): number
  idOf(name: string): string
  close(): Promise<void>
}

export async function openWatchRig(
  options: {
    sim?: SimulatorOptions
    settings?: Partial<WatchSettings>
    engine?: Partial<WatchEngineOptions>
    /** Scheduled checks built on the rig's simulator and history, raising into its engine. */
    checks?: (parts: { sim: Simulator; store: HistoryStore; raise: (events: WatchEvent[]) => void }) => ScheduledChecks
  } = {},
): Promise<WatchRig> {
  const dir = mkdtempSync(join(tmpdir(), 'iproxy-watch-test-'))
  const sim = await startSimulator({ seed: 'demo', ...options.sim })
  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, timeoutMs: 5_000 })
  const log = () => undefined
  const store = await openHistoryStore(dir, { log })
  const sink = new RecordingSink()
  const settings: WatchSettings = { ...DEFAULT_WATCH_SETTINGS, ...options.settings }
  // The simulator's clock is the real one: the engine's starts there, so plan ends compare the same way.
  let clock = Date.now()
  // The checks raise into the engine built just below.
  const built: { engine?: FullWatchEngine } = {}
  const checks = options.checks?.({ sim, store, raise: (events) => built.engine?.raise(events) })
  const engine = createWatchEngine({
    client: () => client,
    history: store,
    settings: async () => settings,
    alerts: sink,
    log,
    now: () => clock,
    ...(checks ? { checks } : {}),
    ...options.engine,
  })
  built.engine = engine
  const rig: WatchRig = {
    sim,
    client,
    store,
    sink,
    engine,
    settings,
    now: () => clock,
    advance(seconds) {
      clock += seconds * 1000
    },
    async cycleAfter(seconds) {
      rig.advance(seconds)
      return engine.runCycle()
    },
    async control(path, body) {
      const res = await request(`${sim.origin}/_control${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const json: unknown = await res.body.json()
      if (res.statusCode !== 200) throw new Error(`control ${path}: HTTP ${res.statusCode} ${JSON.stringify(json)}`)
      return json
    },
    statusRequests: () => sim.control.apiRequestCount('/connections-status'),
    idOf(name) {
      const found = [...sim.state.connections.values()].find((c) => c.name === name)
      if (!found) throw new Error(`no demo connection named ${name}`)
      return found.id
    },
    async close() {
      await engine.stop()
      await client.close()
      await store.close()
      await sim.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return rig
}
