/**
 * The server side of a SOCKS5 handshake (RFC 1928, with RFC 1929 username/password), written here because no
 * maintained library fits: simple-socks (maintained) always dials the destination itself and resolves names on
 * this computer, with no hook to go through an upstream; @pondwader/socks5-server has the hook but answers
 * UDP ASSOCIATE with a truncated two-byte reply and had one release. This file only parses the greeting, the
 * login and the request; the tunnel itself is opened by the caller (tunnel.ts).
 *
 * Replies: CONNECT only; BIND and UDP ASSOCIATE get 0x07 (command not supported), an unknown address type 0x08.
 */
import type { Socket } from 'node:net'
import { TunnelError } from './tunnel'

export const SOCKS_REPLY = {
  succeeded: 0x00,
  generalFailure: 0x01,
  notAllowed: 0x02,
  hostUnreachable: 0x04,
  connectionRefused: 0x05,
  commandNotSupported: 0x07,
  addressTypeNotSupported: 0x08,
} as const

export interface Socks5Options {
  /** When set, the client must log in with these (method 0x02); else only "no authentication" (0x00) is offered. */
  auth?: { username: string; password: string }
  /** Opens the tunnel to the destination; throws a TunnelError to pick the reply code. */
  open(host: string, port: number): Promise<Socket>
  /** The handshake is done and `upstream` is open: the caller pipes the two. */
  established(client: Socket, upstream: Socket): void
  /** The client's greeting or login was refused, or the tunnel failed (for the relay's last error). */
  failed?(error: Error): void
  handshakeTimeoutMs?: number
}

/** Handles one accepted client socket. */
export function acceptSocks5(client: Socket, options: Socks5Options): void {
  let buffered: Buffer = Buffer.alloc(0)
  let stage: 'greeting' | 'login' | 'request' | 'opening' = 'greeting'
  const timer = setTimeout(() => client.destroy(), options.handshakeTimeoutMs ?? 10_000)
  client.setNoDelay(true)
  client.on('error', () => client.destroy())
  client.once('close', () => clearTimeout(timer))

  const refuse = (bytes: number[]) => {
    clearTimeout(timer)
    client.removeListener('data', onData)
    client.end(Buffer.from(bytes))
  }
  const reply = (code: number) => [0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]

  const onData = (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk])
    // Each stage consumes what it can; a partial message waits for more bytes.
    for (;;) {
      if (stage === 'greeting') {
        if (buffered.length < 2) return
        if (buffered[0] !== 0x05) return client.destroy()
        const count = buffered[1]!
        if (buffered.length < 2 + count) return
        const methods = buffered.subarray(2, 2 + count)
        buffered = buffered.subarray(2 + count)
        const wanted = options.auth ? 0x02 : 0x00
        if (!methods.includes(wanted)) {
          options.failed?.(new Error(options.auth ? 'a SOCKS5 client offered no login' : 'a SOCKS5 client offered no method without login'))
          return refuse([0x05, 0xff])
        }
        client.write(Buffer.from([0x05, wanted]))
        stage = options.auth ? 'login' : 'request'
        continue
      }
      if (stage === 'login') {
        if (buffered.length < 2) return
        const userLength = buffered[1]!
        if (buffered.length < 3 + userLength) return
        const passwordLength = buffered[2 + userLength]!
        const end = 3 + userLength + passwordLength
        if (buffered.length < end) return
        const username = buffered.subarray(2, 2 + userLength).toString('utf8')
        const password = buffered.subarray(3 + userLength, end).toString('utf8')
        buffered = buffered.subarray(end)
        if (!options.auth || username !== options.auth.username || password !== options.auth.password) {
          options.failed?.(new Error('a SOCKS5 client gave a wrong local login or password'))
          return refuse([0x01, 0x01])
        }
        client.write(Buffer.from([0x01, 0x00]))
        stage = 'request'
        continue
      }
      if (stage === 'request') {
        const parsed = parseRequest(buffered)
        if (parsed === 'incomplete') return
        if (parsed === 'bad_address_type') return refuse(reply(SOCKS_REPLY.addressTypeNotSupported))
        if (parsed.command !== 0x01) return refuse(reply(SOCKS_REPLY.commandNotSupported))
        // Bytes after the request (a client that does not wait for the reply) go to the destination.
        const early = buffered.subarray(parsed.length)
        buffered = Buffer.alloc(0)
        stage = 'opening'
        // The client's part is done; the upstream has its own connect timeout (tunnel.ts).
        clearTimeout(timer)
        client.removeListener('data', onData)
        client.pause()
        open(parsed.host, parsed.port, early)
      }
      return
    }
  }

  const open = (host: string, port: number, early: Buffer) => {
    options.open(host, port).then(
      (upstream) => {
        clearTimeout(timer)
        if (client.destroyed) {
          upstream.destroy()
          return
        }
        client.write(Buffer.from(reply(SOCKS_REPLY.succeeded)))
        if (early.length > 0) upstream.write(early)
        options.established(client, upstream)
        client.resume()
      },
      (err: unknown) => {
        const error = err instanceof Error ? err : new Error(String(err))
        options.failed?.(error)
        refuse(reply(replyFor(error)))
      },
    )
  }

  client.on('data', onData)
}

export function replyFor(err: Error): number {
  if (!(err instanceof TunnelError)) return SOCKS_REPLY.generalFailure
  switch (err.kind) {
    case 'upstream_refused':
    case 'target_refused':
      return SOCKS_REPLY.connectionRefused
    case 'target_unreachable':
    case 'upstream_timeout':
      return SOCKS_REPLY.hostUnreachable
    default:
      return SOCKS_REPLY.generalFailure
  }
}

type ParsedRequest = { command: number; host: string; port: number; length: number }

function parseRequest(b: Buffer): ParsedRequest | 'incomplete' | 'bad_address_type' {
  if (b.length < 5) return 'incomplete'
  const command = b[1]!
  const type = b[3]!
  let host: string
  let at: number
  if (type === 0x01) {
    if (b.length < 10) return 'incomplete'
    host = `${b[4]}.${b[5]}.${b[6]}.${b[7]}`
    at = 8
  } else if (type === 0x03) {
    const length = b[4]!
    if (b.length < 5 + length + 2) return 'incomplete'
    host = b.subarray(5, 5 + length).toString('utf8')
    at = 5 + length
  } else if (type === 0x04) {
    if (b.length < 22) return 'incomplete'
    const groups: string[] = []
    for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(4 + i).toString(16))
    host = groups.join(':')
    at = 20
  } else {
    return 'bad_address_type'
  }
  return { command, host, port: b.readUInt16BE(at), length: at + 2 }
}
