/**
 * The relays of this computer for the app: their definitions (store.ts), which of them run, their live status,
 * and every switch of a failover group written to the history database as a `relay_switch` action.
 */
import type { ProxyAccess } from '../../shared/iproxy'
import type { ActionRecord } from '../../shared/history'
import type { RelayDefinition, RelayDefinitionInput, RelayError, RelayStatus, UpstreamRef } from '../../shared/relay'
import { RelayStartError, startRelay, type RunningRelay } from './relay'
import { createRelayStore } from './store'
import { maskSecrets } from '../log'
import { createKeychain, KeychainUnavailableError, type SecretStore } from '../secrets/keychain'
import { networkAddressesFor } from './network-addresses'
import { RELAY_KEYCHAIN_SERVICE } from './secrets'
import { parseUpstreamUrl, resolveUpstream, type Upstream } from './upstream'

export interface RelayServiceOptions {
  dataDir: string
  /** The account's proxy accesses (for upstreams given by access ID). */
  accesses: () => Promise<readonly ProxyAccess[]>
  log?: (line: string) => void
  /** Where the relays' passwords are kept: the OS keychain under RELAY_KEYCHAIN_SERVICE unless a test says. */
  keychain?: SecretStore
  recordAction?: (action: ActionRecord) => void
  /** A relay's status changed (started, stopped, switched, failed). */
  changed?: (status: RelayStatus) => void
}

export type RelayService = ReturnType<typeof createRelayService>

export function createRelayService(options: RelayServiceOptions) {
  const store = createRelayStore({
    dataDir: options.dataDir,
    keychain: options.keychain ?? createKeychain({ service: RELAY_KEYCHAIN_SERVICE }),
    ...(options.log ? { log: options.log } : {}),
  })
  const running = new Map<string, RunningRelay>()
  const failures = new Map<string, RelayError>()

  function statusOf(definition: RelayDefinition): RelayStatus {
    const networkAddresses = networkAddressesFor(definition.bindAddress)
    const reachable = networkAddresses?.length ? { networkAddresses } : {}
    const live = running.get(definition.id)
    if (live) return { id: definition.id, name: definition.name, state: 'running', ...live.status(), ...reachable }
    const failure = failures.get(definition.id)
    return {
      id: definition.id,
      name: definition.name,
      state: failure ? 'failed' : 'stopped',
      bindAddress: definition.bindAddress,
      ...(definition.auth ? { login: definition.auth.username } : {}),
      ...reachable,
      listeners: [
        ...(definition.httpPort !== null ? [{ kind: 'http' as const, port: definition.httpPort }] : []),
        ...(definition.socksPort !== null ? [{ kind: 'socks5' as const, port: definition.socksPort }] : []),
      ],
      openTunnels: 0,
      bytesUp: 0,
      bytesDown: 0,
      upRate: 0,
      downRate: 0,
      activeUpstream: null,
      upstreams: definition.upstreams.map((u) => ({ label: refLabel(u), healthy: true, failuresInARow: 0 })),
      switches: [],
      ...(failure ? { lastError: failure } : {}),
    }
  }

  async function definition(id: string): Promise<RelayDefinition> {
    const found = (await store.read()).relays.find((r) => r.id === id)
    if (!found) throw new RelayStartError('no_upstream', `no relay ${id}`)
    return found
  }

  async function start(id: string): Promise<RelayStatus> {
    const def = await definition(id)
    if (running.has(id)) return statusOf(def)
    failures.delete(id)
    let relay: RunningRelay
    try {
      const secrets = await store.secretsOf(id)
      const password = secrets.password
      if (def.auth && password === undefined) {
        throw new RelayStartError('bind_needs_password', "the relay's local password is not in the keychain: remove the relay and add it again")
      }
      const upstreams: Upstream[] = []
      for (const [index, ref] of def.upstreams.entries()) {
        upstreams.push(await resolveUpstream(ref.kind === 'url' ? (secrets.urls[index] ?? ref.url) : ref.proxyId, options.accesses))
      }
      relay = await startRelay({
        id,
        name: def.name,
        upstreams,
        httpPort: def.httpPort,
        socksPort: def.socksPort,
        bindAddress: def.bindAddress,
        ...(def.auth && password !== undefined ? { auth: { username: def.auth.username, password } } : {}),
        ...(options.log ? { log: options.log } : {}),
        onSwitch: (change) => {
          const to = upstreams.find((u) => u.label === change.to)
          options.recordAction?.({
            connectionId: to?.connectionId ?? '',
            kind: 'relay_switch',
            detail: { relay: def.name, from: change.from, to: change.to, reason: maskSecrets(change.reason) },
            outcome: 'ok',
            by: 'rule',
            at: change.at,
          })
          if (running.has(id)) options.changed?.(statusOf(def))
        },
      })
    } catch (err) {
      const error: RelayError = {
        kind: err instanceof KeychainUnavailableError ? 'keychain_unavailable' : err instanceof RelayStartError && err.kind !== 'listen_failed' ? err.kind : 'general',
        message: maskSecrets(err instanceof Error ? err.message : String(err)),
        at: Date.now(),
        ...(err instanceof RelayStartError && err.port !== undefined ? { port: err.port } : {}),
        ...(err instanceof RelayStartError && err.holder ? { holder: err.holder } : {}),
      }
      failures.set(id, error)
      const status = statusOf(def)
      options.changed?.(status)
      return status
    }
    running.set(id, relay)
    // Ports picked free are kept: the relay has the same address next time.
    const http = relay.listeners.find((l) => l.kind === 'http')?.port
    const socks = relay.listeners.find((l) => l.kind === 'socks5')?.port
    if ((def.httpPort === 0 && http) || (def.socksPort === 0 && socks)) {
      await store.update(id, { ...(def.httpPort === 0 ? { httpPort: http ?? null } : {}), ...(def.socksPort === 0 ? { socksPort: socks ?? null } : {}) })
    }
    await store.setRunning(id, true)
    const status = statusOf(await definition(id))
    options.changed?.(status)
    return status
  }

  async function stop(id: string, remember = true): Promise<RelayStatus> {
    const live = running.get(id)
    running.delete(id)
    await live?.close()
    if (remember) await store.setRunning(id, false)
    const status = statusOf(await definition(id))
    options.changed?.(status)
    return status
  }

  return {
    async list(): Promise<RelayStatus[]> {
      return (await store.read()).relays.map(statusOf)
    },
    async create(input: RelayDefinitionInput): Promise<RelayStatus> {
      for (const ref of input.upstreams) if (ref.kind === 'url') parseUpstreamUrl(ref.url)
      return statusOf(await store.add(input))
    },
    async remove(id: string): Promise<boolean> {
      if (running.has(id)) await stop(id)
      return store.remove(id)
    },
    start,
    stop: (id: string) => stop(id),
    /** The address a browser or tool uses: the HTTP listener's, else the SOCKS5 one's. */
    async proxyServerOf(id: string): Promise<string | undefined> {
      const status = statusOf(await definition(id))
      const http = status.listeners.find((l) => l.kind === 'http')
      const socks = status.listeners.find((l) => l.kind === 'socks5')
      const host = status.bindAddress === '0.0.0.0' ? '127.0.0.1' : status.bindAddress
      if (http) return `http://${host}:${http.port}`
      if (socks) return `socks5://${host}:${socks.port}`
      return undefined
    },
    /**
     * Health from outside the relay (the watch engine's events): a connection seen offline marks its proxies down
     * in every running group, so new tunnels skip them at once; seen online again, they serve again.
     */
    connectionHealth(connectionId: string, online: boolean, reason: string): void {
      for (const relay of running.values()) {
        for (const index of relay.pool.indexWhere((u) => u.connectionId === connectionId)) {
          if (online) relay.pool.markUp(index)
          else relay.pool.markDown(index, reason)
        }
      }
    },
    /** At app start: the relays that were running when the app stopped, if they ask for it. */
    async startRemembered(): Promise<void> {
      const file = await store.read()
      for (const def of file.relays) if (def.autostart && file.running.includes(def.id)) await start(def.id)
    },
    /** At app exit: relays close, but stay remembered as running for the next start. */
    async dispose(): Promise<void> {
      await Promise.all([...running.keys()].map((id) => stop(id, false)))
    },
  }
}

function refLabel(ref: UpstreamRef): string {
  if (ref.kind === 'access') return `proxy ${ref.proxyId}`
  try {
    return parseUpstreamUrl(ref.url).label
  } catch {
    return maskSecrets(ref.url)
  }
}
