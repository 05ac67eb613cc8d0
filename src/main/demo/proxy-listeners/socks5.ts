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
import { admitClient, connectHostFor, credentialsMatch, isLoopbackTarget } from './access'
import { ByteReader } from './byte-reader'
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

/** Runs one client's SOCKS5 session; the client socket is destroyed on any failure. */
export function serveSocks5(client: Socket, ctx: ListenerContext): void {
  const reader = new ByteReader(client)
  handshake(client, reader, ctx).catch(() => client.destroy())
}

async function handshake(client: Socket, reader: ByteReader, ctx: ListenerContext): Promise<void> {
  if ((await reader.readByte()) !== VERSION) throw new Error('not SOCKS5')
  const methods = await reader.read(await reader.readByte())

  // ACL and expiry are answered as "no acceptable method": the client learns nothing more about the access.
  if (admitClient(ctx.rules(), client.remoteAddress, ctx.now()) !== 'ok') {
    client.end(Buffer.from([VERSION, METHOD_NONE_ACCEPTABLE]))
    return
  }
  const method = chooseMethod(ctx, methods)
  client.write(Buffer.from([VERSION, method]))
  if (method === METHOD_NONE_ACCEPTABLE) {
    client.end()
    return
  }
  if (method === METHOD_USERPASS && !(await authenticate(client, reader, ctx))) return

  const [version, command, , addressType] = await reader.read(4)
  if (version !== VERSION) throw new Error('bad request version')
  const host = await readAddress(reader, addressType)
  const port = (await reader.read(2)).readUInt16BE(0)
  if (host === undefined) return fail(client, SocksReply.addressTypeNotSupported)
  if (command !== CMD_CONNECT) return fail(client, SocksReply.commandNotSupported)
  if (!isLoopbackTarget(host) || port === 0) return fail(client, SocksReply.notAllowedByRuleset)

  const rules = ctx.rules()
  let outbound: Socket
  try {
    outbound = await openOutbound({
      host: connectHostFor(host),
      port,
      connectionId: rules.description.connectionId,
      registry: ctx.registry,
      timeoutMs: ctx.connectTimeoutMs,
      track: (s) => ctx.trackOutbound(s),
    })
  } catch (err) {
    return fail(client, err instanceof OutboundError ? replyForFailure[err.failure] : SocksReply.generalFailure)
  }
  if (client.destroyed) {
    outbound.destroy()
    return
  }
  client.write(successReply(outbound))
  const pipelined = reader.detach()
  client.setTimeout(0)
  if (pipelined.length > 0) outbound.write(pipelined)
  joinSockets(client, outbound)
  client.resume()
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

/** RFC 1929: status 0x00 on success; 0x01 and close on failure. */
async function authenticate(client: Socket, reader: ByteReader, ctx: ListenerContext): Promise<boolean> {
  if ((await reader.readByte()) !== AUTH_VERSION) throw new Error('bad auth version')
  const login = (await reader.read(await reader.readByte())).toString('utf8')
  const password = (await reader.read(await reader.readByte())).toString('utf8')
  const ok = credentialsMatch(ctx.rules(), login, password)
  if (ok) {
    client.write(Buffer.from([AUTH_VERSION, 0x00]))
  } else {
    client.end(Buffer.from([AUTH_VERSION, 0x01]))
  }
  return ok
}

async function readAddress(reader: ByteReader, addressType: number | undefined): Promise<string | undefined> {
  switch (addressType) {
    case ATYP_IPV4:
      return [...(await reader.read(4))].join('.')
    case ATYP_DOMAIN:
      return (await reader.read(await reader.readByte())).toString('latin1')
    case ATYP_IPV6: {
      const bytes = await reader.read(16)
      const groups: string[] = []
      for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16))
      return groups.join(':')
    }
    default:
      // The address's length is unknown, so the request cannot be read further; reply and close.
      return undefined
  }
}

function fail(client: Socket, code: number): void {
  client.end(Buffer.from([VERSION, code, 0x00, ATYP_IPV4, 0, 0, 0, 0, 0, 0]))
}

function successReply(outbound: Socket): Buffer {
  const address = outbound.localAddress ?? '0.0.0.0'
  const port = Buffer.alloc(2)
  port.writeUInt16BE(outbound.localPort ?? 0)
  if (isIP(address) === 6) {
    return Buffer.concat([Buffer.from([VERSION, SocksReply.succeeded, 0x00, ATYP_IPV6]), ipv6Bytes(address), port])
  }
  const v4 = address.split('.').map((n) => Number(n))
  return Buffer.concat([Buffer.from([VERSION, SocksReply.succeeded, 0x00, ATYP_IPV4, ...v4]), port])
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
