/**
 * One proxy access = one TCP listener on loopback.
 *
 * The listener sniffs each client's first byte: 0x05 opens a SOCKS5 session, anything else goes to node:http
 * (HTTP proxy). Which one is *allowed* comes from the access's current `listenService`, so `update()` can switch
 * the service without giving up the port. Every client and outbound socket is tracked so `close()` drops open
 * tunnels instead of waiting for them.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net'
import type { ExitRegistry } from '../exit-registry'
import { admitClient, compileAccess, type AccessRules, type ProxyAccessDescription } from './access'
import type { ListenerContext } from './context'
import { createHttpProxyEngine } from './http-proxy'
import { serveSocks5 } from './socks5'

const SOCKS_VERSION_BYTE = 0x05

export interface ProxyListenerOptions {
  registry: ExitRegistry
  host?: string
  /** 0 (default) picks a free port. */
  port?: number
  connectTimeoutMs?: number
  /** A client must start (and, for SOCKS5, finish) its handshake within this time. */
  handshakeTimeoutMs?: number
  now?: () => number
}

export interface ProxyListener {
  readonly id: string
  readonly host: string
  readonly port: number
  access(): Readonly<ProxyAccessDescription>
  /** Applies new rules to new connections and requests at once, and drops open clients the new rules refuse. */
  update(next: ProxyAccessDescription): void
  /** Open client connections (tunnels and keep-alive sockets). */
  openClientCount(): number
  /** Stops accepting and destroys every open client and outbound socket. */
  close(): Promise<void>
}

function destroySelf(this: Socket) {
  this.destroy()
}

function resumeClient(client: Socket) {
  client.resume()
}

function sameCredentials(a: ProxyAccessDescription, b: ProxyAccessDescription): boolean {
  return a.authType === b.authType && a.login === b.login && a.password === b.password
}

export async function startProxyListener(
  access: ProxyAccessDescription,
  options: ProxyListenerOptions,
): Promise<ProxyListener> {
  let rules: AccessRules = compileAccess(access)
  const host = options.host ?? '127.0.0.1'
  const now = options.now ?? Date.now
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000
  const clients = new Set<Socket>()
  const outbounds = new Set<Socket>()
  let closing = false

  const ctx: ListenerContext = {
    rules: () => rules,
    now,
    registry: options.registry,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    trackOutbound(socket) {
      if (closing) socket.destroy()
      outbounds.add(socket)
      socket.once('close', forgetOutbound)
    },
  }
  function forgetOutbound(this: Socket) {
    outbounds.delete(this)
  }
  const httpEngine = createHttpProxyEngine(ctx)

  // Handlers shared by every client of this listener (called with the client as `this`), not made per client.
  function forget(this: Socket) {
    clients.delete(this)
  }
  function onFirstBytes(this: Socket, first: Buffer) {
    handOver(this, first)
  }
  function handOver(client: Socket, first: Buffer) {
    const isSocks = first[0] === SOCKS_VERSION_BYTE
    const service = rules.description.listenService
    if (isSocks !== (service === 'socks5')) {
      client.destroy()
    } else if (isSocks) {
      // The SOCKS5 session starts from these bytes: no need to put them back.
      serveSocks5(client, ctx, first)
    } else {
      client.pause()
      client.unshift(first)
      // node:http runs its own keep-alive timeouts from here on.
      client.setTimeout(0)
      httpEngine.emit('connection', client)
      process.nextTick(resumeClient, client)
    }
  }

  const server = createServer((client) => {
    if (closing) {
      client.destroy()
      return
    }
    clients.add(client)
    client.once('close', forget)
    // Resets from clients are routine; they must never become an uncaught 'error'.
    client.on('error', destroySelf)
    client.setNoDelay(true)
    client.setTimeout(handshakeTimeoutMs, destroySelf)
    client.once('data', onFirstBytes)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  function dropAll(): void {
    for (const socket of [...clients, ...outbounds]) socket.destroy()
  }

  return {
    id: access.id,
    host,
    port,
    access: () => rules.description,
    update(next) {
      if (next.id !== access.id) throw new Error(`listener ${access.id} cannot take access ${next.id}`)
      const previous = rules.description
      rules = compileAccess(next)
      if (previous.listenService !== next.listenService || !sameCredentials(previous, next)) {
        // A new service or new credentials revoke what was granted under the old ones.
        for (const client of clients) client.destroy()
        return
      }
      for (const client of clients) {
        if (admitClient(rules, client.remoteAddress, now()) !== 'ok') client.destroy()
      }
    },
    openClientCount: () => clients.size,
    close() {
      closing = true
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        dropAll()
      })
    },
  }
}
