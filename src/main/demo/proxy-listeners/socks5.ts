/**
 * SOCKS5 server side (RFC 1928, username/password per RFC 1929), CONNECT only.
 *
 * Why not a library: the npm SOCKS5 *server* packages are unmaintained (socksv5 0.0.6, last release years ago)
 * or wrap a server loop we cannot reach into; we need to open the outbound socket ourselves and register it in
 * the exit registry before the success reply, read the access rules live at each step, and destroy every
 * socket on close. The protocol is small enough to own.
 */
import type { Socket } from 'node:net'
import { isIP } from 'node:net'
import { admitSocket, connectHostFor, credentialsMatch, isLoopbackTarget } from './access'
import type { ListenerContext } from './context'
import { joinSockets, OutboundError, openOutbound, type OutboundFailure } from './outbound'

const VERSION = 0x05
const AUTH_VERSION = 0x01
const METHOD_NO_AUTH = 0x00
const METHOD_USERPASS = 0x02
const METHOD_NONE_ACCEPTABLE = 0xff
const CMD_CONNECT = 0x01
const ATYP_IPV4 = 0x01
const ATYP_DOMAIN = 0x03
const ATYP_IPV6 = 0x04

/** RFC 1928 section 6 reply codes. */
export const SocksReply = {
  succeeded: 0x00,
  generalFailure: 0x01,
  notAllowedByRuleset: 0x02,
  networkUnreachable: 0x03,
  hostUnreachable: 0x04,
  connectionRefused: 0x05,
  ttlExpired: 0x06,
  commandNotSupported: 0x07,
  addressTypeNotSupported: 0x08,
} as const

const replyForFailure: Record<OutboundFailure, number> = {
  refused: SocksReply.connectionRefused,
  'host-unreachable': SocksReply.hostUnreachable,
  'network-unreachable': SocksReply.networkUnreachable,
  timeout: SocksReply.ttlExpired,
  failed: SocksReply.generalFailure,
}

/** Where a session is: waiting for the greeting, the auth, the request; connecting out; or finished. */
const Phase = { Greeting: 0, Auth: 1, Request: 2, Connecting: 3, Done: 4 } as const
type Phase = (typeof Phase)[keyof typeof Phase]

/**
 * Runs one client's SOCKS5 session from its first bytes (`first`, already read by the listener); the client socket
 * is destroyed on any protocol failure.
 */
export function serveSocks5(client: Socket, ctx: ListenerContext, first: Buffer): void {
  new Socks5Session(client, ctx).feed(first)
}

/**
 * A state machine over the buffered bytes rather than an awaited read per field (up to eight promises per
 * handshake before): a client sends each message whole, so one 'data' event completes one step, and the
 * listener's first chunk is handed over as it is instead of being put back on the socket. The gain is modest
 * (sockets and node:http are most of the simulator's CPU) but free. Messages split across packets, or several in
 * one, are handled the same way: bytes wait in `buffered` until a message is complete, and whatever follows the
 * CONNECT request is forwarded.
 */
class Socks5Session {
  private phase: Phase = Phase.Greeting
  private buffered: Buffer | undefined
  private ended = false
  private readonly onData = (chunk: Buffer) => this.feed(chunk)
  private readonly onEnd = () => {
    this.ended = true
    // A client gone mid-handshake: nothing more to answer. While connecting out, the outcome decides.
    if (this.phase !== Phase.Connecting) this.abort()
  }

  constructor(
    private readonly client: Socket,
    private readonly ctx: ListenerContext,
  ) {
    client.on('data', this.onData)
    client.once('end', this.onEnd)
  }

  feed(chunk: Buffer): void {
    if (this.finished()) return
    const buf = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk
    let at = 0
    while (at < buf.length && this.reading()) {
      const used = this.step(buf, at)
      if (used === 0) break
      at += used
    }
    this.buffered = !this.finished() && at < buf.length ? buf.subarray(at) : undefined
  }

  private finished(): boolean {
    return this.phase === Phase.Done
  }

  /** Whether bytes are still read as handshake messages (not while connecting out, nor once finished). */
  private reading(): boolean {
    return this.phase === Phase.Greeting || this.phase === Phase.Auth || this.phase === Phase.Request
  }

  /** Handles one complete message at `at`; returns the bytes it took, or 0 when the message is not complete. */
  private step(buf: Buffer, at: number): number {
    const available = buf.length - at
    switch (this.phase) {
      case Phase.Greeting: {
        if (buf[at] !== VERSION) return this.abort()
        if (available < 2) return 0
        const size = 2 + (buf[at + 1] as number)
        if (available < size) return 0
        return this.greeting(buf.subarray(at + 2, at + size)) ? size : 0
      }
      case Phase.Auth: {
        if (buf[at] !== AUTH_VERSION) return this.abort()
        if (available < 2) return 0
        const loginEnd = at + 2 + (buf[at + 1] as number)
        if (buf.length < loginEnd + 1) return 0
        const end = loginEnd + 1 + (buf[loginEnd] as number)
        if (buf.length < end) return 0
        const login = buf.toString('utf8', at + 2, loginEnd)
        const password = buf.toString('utf8', loginEnd + 1, end)
        return this.authenticate(login, password) ? end - at : 0
      }
      case Phase.Request: {
        if (available < 4) return 0
        if (buf[at] !== VERSION) return this.abort()
        const addressType = buf[at + 3]
        let addressSize: number
        if (addressType === ATYP_IPV4) addressSize = 4
        else if (addressType === ATYP_IPV6) addressSize = 16
        else if (addressType === ATYP_DOMAIN) {
          if (available < 5) return 0
          addressSize = 1 + (buf[at + 4] as number)
        } else addressSize = 0 // Unknown: its length cannot be known; the port's two bytes are read, then refused.
        const size = 4 + addressSize + 2
        if (available < size) return 0
        const host = readAddress(buf, at + 4, addressType)
        const port = buf.readUInt16BE(at + 4 + addressSize)
        this.request(buf[at + 1], host, port)
        return size
      }
      default:
        return 0
    }
  }

  /** Answers the method greeting; false when the session ended. */
  private greeting(methods: Buffer): boolean {
    const { client, ctx } = this
    // ACL and expiry are answered as "no acceptable method": the client learns nothing more about the access.
    if (admitSocket(ctx.rules(), client, ctx.now()) !== 'ok') {
      this.finish()
      client.end(Buffer.from([VERSION, METHOD_NONE_ACCEPTABLE]))
      return false
    }
    const method = chooseMethod(ctx, methods)
    client.write(Buffer.from([VERSION, method]))
    if (method === METHOD_NONE_ACCEPTABLE) {
      this.finish()
      client.end()
      return false
    }
    this.phase = method === METHOD_USERPASS ? Phase.Auth : Phase.Request
    return true
  }

  /** RFC 1929: status 0x00 on success; 0x01 and close on failure. */
  private authenticate(login: string, password: string): boolean {
    if (credentialsMatch(this.ctx.rules(), login, password)) {
      this.client.write(Buffer.from([AUTH_VERSION, 0x00]))
      this.phase = Phase.Request
      return true
    }
    this.finish()
    this.client.end(Buffer.from([AUTH_VERSION, 0x01]))
    return false
  }

  private request(command: number | undefined, host: string | undefined, port: number): void {
    const { ctx } = this
    if (host === undefined) return this.refuse(SocksReply.addressTypeNotSupported)
    if (command !== CMD_CONNECT) return this.refuse(SocksReply.commandNotSupported)
    // Checked before any connection is attempted: the simulator's proxies never reach beyond loopback.
    if (!isLoopbackTarget(host) || port === 0) return this.refuse(SocksReply.notAllowedByRuleset)
    this.phase = Phase.Connecting
    openOutbound({
      host: connectHostFor(host),
      port,
      connectionId: ctx.rules().description.connectionId,
      registry: ctx.registry,
      timeoutMs: ctx.connectTimeoutMs,
      track: (s) => ctx.trackOutbound(s),
    }).then(
      (outbound) => this.connected(outbound),
      (err: unknown) => this.refuse(err instanceof OutboundError ? replyForFailure[err.failure] : SocksReply.generalFailure),
    )
  }

  private connected(outbound: Socket): void {
    const { client } = this
    const pipelined = this.buffered
    this.finish()
    if (client.destroyed || this.ended) {
      outbound.destroy()
      client.destroy()
      return
    }
    try {
      client.write(successReply(outbound))
      client.setTimeout(0)
      if (pipelined) outbound.write(pipelined)
      joinSockets(client, outbound)
    } catch {
      outbound.destroy()
      client.destroy()
    }
  }

  private refuse(code: number): void {
    this.finish()
    fail(this.client, code)
  }

  /** Ends the handshake: the session reads no more bytes. */
  private finish(): void {
    this.phase = Phase.Done
    this.buffered = undefined
    this.client.off('data', this.onData)
    this.client.off('end', this.onEnd)
  }

  private abort(): 0 {
    this.finish()
    this.client.destroy()
    return 0
  }
}

function chooseMethod(ctx: ListenerContext, methods: Buffer): number {
  const offersNoAuth = methods.includes(METHOD_NO_AUTH)
  const offersUserPass = methods.includes(METHOD_USERPASS)
  if (ctx.rules().description.authType === 'noauth') {
    // A client that only offers username/password still gets in; its credentials are accepted unread.
    if (offersNoAuth) return METHOD_NO_AUTH
    return offersUserPass ? METHOD_USERPASS : METHOD_NONE_ACCEPTABLE
  }
  return offersUserPass ? METHOD_USERPASS : METHOD_NONE_ACCEPTABLE
}

/** The request's address at `at`, or undefined for an address type we do not know. */
function readAddress(buf: Buffer, at: number, addressType: number | undefined): string | undefined {
  switch (addressType) {
    case ATYP_IPV4:
      return `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`
    case ATYP_DOMAIN:
      return buf.toString('latin1', at + 1, at + 1 + (buf[at] as number))
    case ATYP_IPV6: {
      const groups: string[] = []
      for (let i = 0; i < 16; i += 2) groups.push(buf.readUInt16BE(at + i).toString(16))
      return groups.join(':')
    }
    default:
      return undefined
  }
}

function fail(client: Socket, code: number): void {
  client.end(Buffer.from([VERSION, code, 0x00, ATYP_IPV4, 0, 0, 0, 0, 0, 0]))
}

/** The success reply with the outbound socket's local address and port (informative only). */
function successReply(outbound: Socket): Buffer {
  const address = outbound.localAddress ?? '0.0.0.0'
  const port = outbound.localPort ?? 0
  if (isIP(address) === 6) {
    const out = Buffer.alloc(22)
    out.set([VERSION, SocksReply.succeeded, 0x00, ATYP_IPV6])
    ipv6Bytes(address).copy(out, 4)
    out.writeUInt16BE(port, 20)
    return out
  }
  const out = Buffer.alloc(10)
  out.set([VERSION, SocksReply.succeeded, 0x00, ATYP_IPV4])
  const octets = address.split('.')
  for (let i = 0; i < 4; i++) out[4 + i] = Number(octets[i]) || 0
  out.writeUInt16BE(port, 8)
  return out
}

/** 16 bytes of an IPv6 address in text form (`::` expanded); the bound address is only informative. */
export function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16) || 0))
  const headGroups = parse(head)
  const tailGroups = tail === undefined ? [] : parse(tail)
  const zeros = new Array<number>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill(0)
  const groups = [...headGroups, ...zeros, ...tailGroups].slice(0, 8)
  const out = Buffer.alloc(16)
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2))
  return out
}
