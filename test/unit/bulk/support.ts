/**
 * The bulk runner as the app builds it (bulk/calls.ts), around a real simulator on loopback: a history database in
 * a temp folder, the health service (quick polls), the connection actions, one phone gate, the audit writer.
 */
import type { HealthService } from '../../../src/main/health/service'
import { createAuditWriter } from '../../../src/main/history/audit'
import type { HistoryStore } from '../../../src/main/history'
import type { IproxyClient } from '../../../src/main/iproxy'
import { createBulkService, createConnectionActions, createPhoneGate, type BulkService } from '../../../src/main/bulk'
import type { RecordingListeners } from '../../../src/main/history/app-recording'
import type { Simulator } from '../../../src/main/demo'
import type { BulkRun } from '../../../src/shared/bulk'
import { servicesOnSimulator } from '../history/support'

export interface BulkHarness {
  client: IproxyClient
  store: HistoryStore
  health: HealthService
  bulk: BulkService
  progress: BulkRun[]
  lines: string[]
  close(): Promise<void>
}

export async function bulkHarness(sim: Simulator, options: { gapMs?: number; concurrency?: number; listeners?: RecordingListeners } = {}): Promise<BulkHarness> {
  const { log, lines, client, store, health, ...services } = await servicesOnSimulator(sim)
  const actions = createConnectionActions({ client: () => client, health, history: store, log, ...(options.listeners ? { listeners: options.listeners } : {}) })
  const progress: BulkRun[] = []
  const bulk = createBulkService({
    actions,
    gate: createPhoneGate({ gapMs: options.gapMs ?? 0 }),
    audit: createAuditWriter(store, log),
    client: () => client,
    settings: async () => ({ concurrency: options.concurrency ?? 5, samePhoneGapSeconds: 0 }),
    emitProgress: (run) => progress.push(run),
    log,
    progressIntervalMs: 50,
  })
  return {
    client,
    store,
    health,
    bulk,
    progress,
    lines,
    async close() {
      await bulk.dispose()
      await services.close()
    },
  }
}

/** API requests the simulator received on this API-relative path. */
export function requests(sim: Simulator, path: string): number {
  return sim.control.apiRequestCount(path)
}

/** Connections whose phone is online with an exit and a bound userpass proxy: change IP and verify works on them. */
export function usableConnections(sim: Simulator, count: number): string[] {
  const ids: string[] = []
  for (const conn of sim.state.connections.values()) {
    if (!conn.device || conn.status !== 'online' || !conn.proxyEnabled || !conn.ip) continue
    const proxies = [...sim.state.proxies.values()].filter((p) => p.connectionId === conn.id)
    if (proxies.length === 0 || !proxies.every((p) => p.bound && p.authType === 'userpass' && p.aclIps.length === 0 && !p.expiresAt)) continue
    ids.push(conn.id)
    if (ids.length === count) return ids
  }
  throw new Error(`the simulator has only ${ids.length} usable connections`)
}

export async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
