/**
 * What reading a proxy list gives (`parseProxyLines` in parse.ts): the proxies, and each refused line with why.
 * Every file of this folder imports these; this one imports nothing.
 */

export type ProxyService = 'http' | 'socks5'

export interface ParsedProxy {
  /** 1-based line of the text where this proxy starts. */
  lineNumber: number
  /** From the scheme (`http://`, `socks5://`) or a CSV/JSON `service`; absent when the line does not say. */
  service?: ProxyService
  /** Hostname, IPv4 or IPv6 (without brackets). */
  host: string
  port: number
  /** Both present or both absent. */
  login?: string
  password?: string
  /** Only from CSV/JSON rows. */
  ip?: string
  proxyId?: string
  connectionId?: string
  connectionName?: string
  authType?: string
  expiresAt?: string
  description?: string
}

export type RejectReason =
  | 'unsupported_scheme'
  | 'missing_port'
  | 'bad_port'
  | 'bad_host'
  | 'ipv6_needs_brackets'
  | 'missing_password'
  | 'missing_login'
  | 'too_many_fields'
  | 'duplicate'
  | 'bad_csv'
  | 'bad_json'

export interface RejectedLine {
  /** The line as written (trimmed; for JSON, the element re-serialized), its password replaced by `***` (mask-line.ts). */
  line: string
  lineNumber: number
  reason: RejectReason
  /** English explanation (the renderer translates by `reason`); a password it would quote is masked too. */
  message: string
  /** For `duplicate`: the line where the same proxy was first seen. */
  duplicateOf?: number
}

export interface ParsedProxyList {
  proxies: ParsedProxy[]
  rejected: RejectedLine[]
}

/** The English message for a rejection reason, without line-specific details (for summaries). */
export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  unsupported_scheme: 'unsupported scheme (use http:// or socks5://)',
  missing_port: 'the port is missing',
  bad_port: 'not a valid port (1–65535)',
  bad_host: 'not a valid host name or IP address',
  ipv6_needs_brackets: 'an IPv6 address must be in brackets',
  missing_password: 'a login without a password',
  missing_login: 'a password without a login',
  too_many_fields: 'unexpected text after the port',
  duplicate: 'a duplicate of an earlier line',
  bad_csv: 'a malformed CSV row',
  bad_json: 'malformed JSON',
}

/** Why a line, row or part of one was refused: what the parse functions return instead of a value. */
export class Refusal {
  constructor(
    readonly reason: RejectReason,
    readonly message: string,
  ) {}
}
