/**
 * Local relays: the shapes main, the command line and the renderer share. A relay is a listener on this computer
 * (HTTP and SOCKS5 on their own ports) that forwards every tunnel through an upstream proxy with its password, so
 * tools that cannot log in to a proxy (Chrome with SOCKS5, scrapers that take host:port) can still use it. A relay
 * with more than one upstream is a failover group: a new tunnel goes to the first healthy one.
 */
import { z } from 'zod'

/** Where a relay forwards to: a proxy access of the account (main looks its password up) or a pasted URL. */
export type UpstreamRef = { kind: 'access'; proxyId: string } | { kind: 'url'; url: string }

export const upstreamRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('access'), proxyId: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('url'), url: z.string().min(1).max(2_000) }),
])

const portSchema = z.number().int().min(0).max(65_535)

/**
 * What the user set up; kept in `relays.json` in the data folder (ports once picked are written back). Passwords
 * are not part of it: the local password and those of pasted upstream URLs live in the OS keychain
 * (main/relay/secrets.ts), so the file's URLs read `socks5://login@host:port`.
 */
export interface RelayDefinition {
  id: string
  name: string
  /** In order of preference; more than one makes a failover group. */
  upstreams: UpstreamRef[]
  /** 0 picks a free port on first start, which is then kept. null: no listener of that kind. */
  httpPort: number | null
  socksPort: number | null
  /** 127.0.0.1 by default; any other address needs `auth`. */
  bindAddress: string
  /** The local login the relay's clients must give (its password is in the keychain); required off loopback. */
  auth?: { username: string }
  /** Start again with the app when it was running at exit. */
  autostart: boolean
}

/** 127.x.x.x, ::1 and localhost: only this computer can connect. Anything else needs a local login. */
export function isLoopbackAddress(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address)
}

export const relayDefinitionInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    upstreams: z.array(upstreamRefSchema).min(1).max(20),
    httpPort: portSchema.nullable(),
    socksPort: portSchema.nullable(),
    bindAddress: z.string().trim().min(1).max(100).default('127.0.0.1'),
    auth: z.strictObject({ username: z.string().min(1).max(255), password: z.string().min(1).max(255) }).optional(),
    autostart: z.boolean().default(false),
  })
  .refine((input) => isLoopbackAddress(input.bindAddress) || input.auth !== undefined, {
    path: ['auth'],
    message: 'a relay other computers can reach needs a local login and password',
  })
export type RelayDefinitionInput = z.input<typeof relayDefinitionInputSchema>

export type RelayState = 'stopped' | 'running' | 'failed'
export type ListenerKind = 'http' | 'socks5'

/** Why a tunnel could not be opened, in terms a client can act on. */
export const TUNNEL_FAILURES = ['upstream_refused', 'upstream_auth', 'upstream_timeout', 'target_unreachable', 'target_refused', 'general'] as const
export type TunnelFailure = (typeof TUNNEL_FAILURES)[number]

/** English, for 502 bodies, logs and the command line; the screen words them from its catalogue by `kind`. */
export const TUNNEL_FAILURE_TEXT: Record<TunnelFailure, string> = {
  upstream_refused: 'the upstream proxy refused the connection',
  upstream_auth: 'the upstream proxy refused the login or password',
  upstream_timeout: 'the upstream proxy did not answer in time',
  target_unreachable: 'the upstream proxy could not reach the destination',
  target_refused: 'the destination refused the connection',
  general: 'the upstream proxy failed',
}

export interface RelayError {
  kind: TunnelFailure | 'port_in_use' | 'bind_needs_password' | 'no_upstream' | 'keychain_unavailable'
  /** English sentence without secrets. */
  message: string
  at: number
  /** port_in_use: the port, and the program holding it when the OS tells (`name (PID n)`). */
  port?: number
  holder?: string
}

/** One upstream as the page shows it: never with its password. */
export interface UpstreamStatus {
  /** `socks5://login@host:port` (masked). */
  label: string
  healthy: boolean
  /** ms epoch until which it is skipped after failures in a row. */
  downUntil?: number
  failuresInARow: number
}

export interface RelaySwitch {
  at: number
  from: string | null
  to: string
  reason: string
}

export interface RelayStatus {
  id: string
  name: string
  state: RelayState
  bindAddress: string
  /** The local login clients must give, when the relay has one (never its password). */
  login?: string
  /** This computer's network addresses, when the relay listens on all of them: where other devices reach it. */
  networkAddresses?: string[]
  listeners: Array<{ kind: ListenerKind; port: number }>
  openTunnels: number
  bytesUp: number
  bytesDown: number
  /** Bytes per second over the last sampling second. */
  upRate: number
  downRate: number
  /** Index into `upstreams` of the one new tunnels go to. */
  activeUpstream: number | null
  upstreams: UpstreamStatus[]
  switches: RelaySwitch[]
  lastError?: RelayError
}
