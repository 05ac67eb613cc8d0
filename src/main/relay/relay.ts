/**
 * One running relay: an HTTP listener and/or a SOCKS5 listener on this computer, both forwarding each new tunnel
 * through the upstream the failover pool picks. Plain Node (no electron): the app, the command line and the
 * tests run the same code.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { isLoopbackAddress, type ListenerKind, type RelayError, type RelayStatus, type RelaySwitch } from '../../shared/relay'
import { UpstreamPool, type FailoverOptions } from './failover'
import { startHttpListener } from './http-listener'
import { portHolder } from './port-holder'
import { acceptSocks5 } from './socks5-server'
import { Traffic } from './traffic'
import { openTunnel, TunnelError } from './tunnel'
import { maskSecrets } from '../log'
import type { Upstream } from './upstream'

export interface RelayOptions {
  id?: string
  name?: string
  upstreams: Upstream[]
  /** 0 picks a free port; null or undefined: no listener of that kind. */
  httpPort?: number | null
  socksPort?: number | null
  /** 127.0.0.1 unless set; any non-loopback address needs `auth`. */
  bindAddress?: string
  auth?: { username: string; password: string }
  failover?: Omit<FailoverOptions, 'onSwitch'>
  connectTimeoutMs?: number
  onSwitch?: (change: RelaySwitch) => void
  /** Lines without passwords (upstream labels only). */
  log?: (line: string) => void
}

/** How long a client may keep its side open after the destination finished. */
const LINGER_MS = 10_000

export class RelayStartError extends Error {
  constructor(
    readonly kind: 'port_in_use' | 'bind_needs_password' | 'no_upstream' | 'listen_failed',
    message: string,
    readonly port?: number,
    readonly holder?: string,
  ) {
    super(message)
  }
}

export interface RunningRelay {
  readonly listeners: Array<{ kind: ListenerKind; port: number }>
  readonly pool: UpstreamPool
  status(): Omit<RelayStatus, 'id' | 'name' | 'state'>
  close(): Promise<void>
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const bindAddress = options.bindAddress ?? '127.0.0.1'
  if (!isLoopbackAddress(bindAddress) && !options.auth) {
    throw new RelayStartError('bind_needs_password', `a relay on ${bindAddress} is reachable from other computers: set a local username and password for it first`)
  }
  if (options.upstreams.length === 0) throw new RelayStartError('no_upstream', 'a relay needs at least one upstream proxy')
  const log = (line: string) => options.log?.(maskSecrets(line))
  const pool = new UpstreamPool(options.upstreams, {
    ...options.failover,
    onSwitch: (change) => {
      log(`relay ${options.name ?? ''}: new tunnels now go to ${change.to} (was ${change.from ?? 'none'}): ${change.reason}`)
      options.onSwitch?.(change)
    },
  })
  const traffic = new Traffic()
  const upstreamSockets = new Set<Socket>()
  let lastError: RelayError | undefined
  const noteError = (error: Error) => {
    lastError = { kind: error instanceof TunnelError ? error.kind : 'general', message: maskSecrets(error.message), at: Date.now() }
  }

  // A new tunnel tries the serving upstream, and on its failure the next ones: the client sees an error only
  // when every upstream failed (or the destination itself did).
  const open = async (host: string, port: number): Promise<Socket> => {
    const tried = new Set<number>()
    for (;;) {
      const choice = pool.pick(tried)
      if (!choice) throw new TunnelError('general', 'no upstream')
      tried.add(choice.index)
      try {
        const socket = await openTunnel(choice.upstream, host, port, options.connectTimeoutMs)
        pool.succeeded(choice.index)
        return socket
      } catch (err) {
        log(`relay ${options.name ?? ''}: ${choice.upstream.label} to ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`)
        if (!(err instanceof TunnelError) || !err.upstreamFault) throw err
        pool.failed(choice.index, err.message)
        if (tried.size >= pool.size) throw err
      }
    }
  }
  // Bytes flow both ways until each side ends; an end is passed on (half-close), so the last bytes of a download
  // reach a slow client before its socket closes. An error on either side ends both at once.
  const established = (client: Socket, upstream: Socket) => {
    upstreamSockets.add(upstream)
    traffic.tunnelOpened(client)
    const abort = () => {
      client.destroy()
      upstream.destroy()
    }
    let linger: NodeJS.Timeout | undefined
    client.once('close', () => {
      clearTimeout(linger)
      upstream.destroy()
    })
    upstream.once('close', (hadError: boolean) => {
      upstreamSockets.delete(upstream)
      if (hadError) return client.destroy()
      // The destination is done: the client gets what is still buffered, then has a while to close its side.
      client.end()
      linger = setTimeout(() => client.destroy(), LINGER_MS)
      linger.unref()
    })
    client.on('error', abort)
    upstream.on('error', abort)
    client.pipe(upstream)
    upstream.pipe(client)
  }

  const closers: Array<() => Promise<void>> = []
  const listeners: Array<{ kind: ListenerKind; port: number }> = []
  const closeAll = async () => {
    traffic.stop()
    for (const s of upstreamSockets) s.destroy()
    traffic.destroyAll()
    await Promise.all(closers.map((c) => c().catch(() => {})))
  }
  try {
    if (options.httpPort !== undefined && options.httpPort !== null) {
      const http = await listenOrExplain(options.httpPort, bindAddress, () =>
        startHttpListener({
          host: bindAddress,
          port: options.httpPort!,
          ...(options.auth ? { auth: options.auth } : {}),
          open,
          established,
          failed: noteError,
          accepted: (socket) => traffic.track(socket),
          tunnelOpened: (until) => traffic.tunnelOpened(until),
        }),
      )
      closers.push(http.close)
      listeners.push({ kind: 'http', port: http.port })
    }
    if (options.socksPort !== undefined && options.socksPort !== null) {
      // allowHalfOpen: a client that half-closes after its request still gets the answer.
      const socks = createServer({ allowHalfOpen: true }, (client) => {
        traffic.track(client)
        acceptSocks5(client, { ...(options.auth ? { auth: options.auth } : {}), open, established, failed: noteError })
      })
      const port = await listenOrExplain(options.socksPort, bindAddress, () => listen(socks, options.socksPort!, bindAddress))
      closers.push(() => new Promise<void>((resolve) => socks.close(() => resolve())))
      listeners.push({ kind: 'socks5', port })
    }
  } catch (err) {
    await closeAll()
    throw err
  }
  pool.pick()
  log(`relay ${options.name ?? ''}: ${listeners.map((l) => `${l.kind} ${bindAddress}:${l.port}`).join(', ')} via ${options.upstreams.map((u) => u.label).join(' then ')}`)

  return {
    listeners,
    pool,
    status: () => {
      const { up, down } = traffic.bytes
      return {
        bindAddress,
        ...(options.auth ? { login: options.auth.username } : {}),
        listeners,
        openTunnels: traffic.openTunnels,
        bytesUp: up,
        bytesDown: down,
        upRate: traffic.upRate,
        downRate: traffic.downRate,
        activeUpstream: pool.activeIndex,
        upstreams: pool.statuses(),
        switches: [...pool.switches],
        ...(lastError ? { lastError } : {}),
      }
    },
    close: closeAll,
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.removeListener('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/** EADDRINUSE and friends as a sentence naming the port. */
async function listenOrExplain<T>(port: number, host: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      const holder = portHolder(port)
      const by = holder ? `by ${holder}` : 'by another program'
      throw new RelayStartError('port_in_use', `port ${port} on ${host} is already in use ${by}: choose another port or 0 for a free one`, port, holder)
    }
    if (code === 'EACCES') throw new RelayStartError('listen_failed', `this computer does not allow listening on port ${port} (ports under 1024 need administrator rights)`, port)
    if (code === 'EADDRNOTAVAIL') throw new RelayStartError('listen_failed', `${host} is not an address of this computer`, port)
    throw err
  }
}
