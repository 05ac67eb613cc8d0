/**
 * The `relay` domain's calls (shared/contract/relay.ts) onto the relay service. Relays that were running when the
 * app stopped start again once the account's proxies can be read (their upstreams may be access IDs).
 */
import type { ProxyAccess } from '../../shared/iproxy'
import type { ActionRecord } from '../../shared/history'
import { AppError } from '../app-error'
import type { Implementations } from '../handler-table'
import type { IproxyClient } from '../iproxy/client'
import type { Logger } from '../log'
import { findBrowser, openBrowserThrough } from './browser'
import { createRelayService } from './service'

type RelayCallName = Extract<keyof Implementations, `relay.${string}`>

export interface RelayCallsDeps {
  userDataDir: string
  /** The active profile's API client (throws while there is none). */
  client: () => IproxyClient
  log: Logger
  recordAction?: (action: ActionRecord) => void
}

/** The account's proxies, waiting up to ~30 s for a profile to be active (the app restores it after start-up). */
async function accessesWhenReady(client: () => IproxyClient): Promise<readonly ProxyAccess[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client().proxies.list()
    } catch (err) {
      if (attempt >= 30) throw err
      await new Promise((r) => setTimeout(r, 1_000))
    }
  }
}

export interface RelayDomain {
  implementations: Pick<Implementations, RelayCallName>
  /** Starts the relays that were running when the app last stopped (in the background: it may wait for a profile). */
  start(): void
  /** Health from the fleet watch: a connection offline marks its proxies down in every group, online up again. */
  connectionHealth(connectionId: string, online: boolean, reason: string): void
  /** Closes every listener and tunnel; they stay remembered as running for the next start. */
  dispose(): Promise<void>
}

export function relayCalls(deps: RelayCallsDeps): RelayDomain {
  const service = createRelayService({
    dataDir: deps.userDataDir,
    accesses: () => accessesWhenReady(deps.client),
    log: (line) => deps.log(line),
    ...(deps.recordAction ? { recordAction: deps.recordAction } : {}),
  })
  const implementations: RelayDomain['implementations'] = {
    'relay.list': () => service.list(),
    'relay.create': (input) => service.create(input),
    'relay.remove': async ({ id }) => ({ removed: await service.remove(id) }),
    'relay.start': ({ id }) => service.start(id),
    'relay.stop': ({ id }) => service.stop(id),
    'relay.openBrowser': async ({ id, browserPath }) => {
      const proxy = await service.proxyServerOf(id)
      if (!proxy) throw new AppError('invalid_input', 'this relay has no listener')
      const browser = browserPath ?? findBrowser()
      if (!browser) return { found: false }
      await openBrowserThrough(browser, proxy)
      return { found: true, browser }
    },
  }
  return {
    implementations,
    start: () => void service.startRemembered().catch((err: unknown) => deps.log('relays: could not start the remembered ones', err)),
    connectionHealth: (connectionId, online, reason) => service.connectionHealth(connectionId, online, reason),
    dispose: () => service.dispose(),
  }
}
