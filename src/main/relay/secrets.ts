/**
 * A relay's secrets: the local password its clients log in with, and the passwords of upstream URLs the user
 * pasted. They are kept in the OS keychain, one entry per relay (the account is the relay's id), under their own
 * keychain service: the profiles' service lists every account it holds as an API key (see watch/settings.ts for
 * the same reason). relays.json keeps the rest, with each URL's password cut out.
 */
import type { RelayDefinition, UpstreamRef } from '../../shared/relay'

export const RELAY_KEYCHAIN_SERVICE = 'iproxy-desktop-relays'

export interface RelaySecrets {
  /** The local password (with the definition's `auth.username`). */
  password?: string
  /** Pasted upstream URLs whole, password included, by their index in `upstreams`. */
  urls: Record<number, string>
}

/** What relays.json may hold: a definition, and passwords only in files written before they moved to the keychain. */
export type StoredRelay = Omit<RelayDefinition, 'auth'> & { auth?: { username: string; password?: string } }

/** `socks5://login:pass@host:port` → `socks5://login@host:port`; the URL as it was when it has no password. */
function urlWithoutPassword(url: string): { url: string; hadPassword: boolean } {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return { url, hadPassword: false }
  }
  if (!parsed.password) return { url, hadPassword: false }
  parsed.password = ''
  return { url: parsed.href, hadPassword: true }
}

/** Cuts the secrets out of a definition: the part for the file, and the part for the keychain (none: undefined). */
export function splitSecrets(relay: StoredRelay): { definition: StoredRelay; secrets: RelaySecrets | undefined } {
  const secrets: RelaySecrets = { urls: {} }
  const upstreams = relay.upstreams.map((ref, index): UpstreamRef => {
    if (ref.kind !== 'url') return ref
    const cut = urlWithoutPassword(ref.url)
    if (cut.hadPassword) secrets.urls[index] = ref.url
    return { kind: 'url', url: cut.url }
  })
  if (relay.auth?.password) secrets.password = relay.auth.password
  const definition: StoredRelay = { ...relay, upstreams, ...(relay.auth ? { auth: { username: relay.auth.username } } : {}) }
  const any = secrets.password !== undefined || Object.keys(secrets.urls).length > 0
  return { definition, secrets: any ? secrets : undefined }
}

/** True when starting the relay needs its keychain entry: a local login, or a URL with a login (and so a password). */
export function needsSecrets(relay: StoredRelay): boolean {
  return relay.auth !== undefined || relay.upstreams.some((ref) => ref.kind === 'url' && /^[^/]*\/\/[^/@]+@/.test(ref.url.trim()))
}

export function encodeSecrets(secrets: RelaySecrets): string {
  return JSON.stringify(secrets)
}

export function decodeSecrets(text: string | null): RelaySecrets | undefined {
  if (text === null) return undefined
  try {
    const value = JSON.parse(text) as Partial<RelaySecrets>
    return { ...(typeof value.password === 'string' ? { password: value.password } : {}), urls: typeof value.urls === 'object' && value.urls ? value.urls : {} }
  } catch {
    return undefined
  }
}
