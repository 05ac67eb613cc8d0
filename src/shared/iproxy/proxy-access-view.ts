/**
 * A proxy access as the page receives it: the documented fields only, and the login without its password.
 *
 * The page never shows a proxy's password (copying and exporting read it in main, from the API), so it never
 * gets one: main/iproxy/proxy-access-view.ts builds this shape for every `proxies.*` result, in one place. Unknown
 * fields a newer API adds are left out too, so nothing undocumented reaches the page by passing through.
 */
import type { ProxyAccess } from './proxies'

/** The documented fields of a proxy access the page may see (everything but `auth.password`). */
export const PROXY_ACCESS_VIEW_FIELDS = [
  'id',
  'connection_id',
  'description',
  'listen_service',
  'auth_type',
  'acl_inbound_policy',
  'acl_inbound_ips',
  'ip',
  'port',
  'hostname',
  'password_updated_at',
  'expires_at',
] as const satisfies ReadonlyArray<keyof ProxyAccess>

export type ProxyAccessView = Pick<ProxyAccess, (typeof PROXY_ACCESS_VIEW_FIELDS)[number]> & {
  /** Absent on noauth proxies. The password stays in main. */
  auth?: { login: string }
}
