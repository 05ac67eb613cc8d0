/**
 * The one place a proxy access is made fit for the page (shared/iproxy/proxy-access-view.ts says why): every
 * `proxies.*` result goes through `toProxyAccessView` in calls.ts before it crosses the bridge.
 */
import { PROXY_ACCESS_VIEW_FIELDS, type ProxyAccessView } from '../../shared/iproxy/proxy-access-view'
import type { ProxyAccess } from '../../shared/iproxy'

export function toProxyAccessView(access: ProxyAccess): ProxyAccessView {
  const view: Record<string, unknown> = {}
  for (const field of PROXY_ACCESS_VIEW_FIELDS) if (access[field] !== undefined) view[field] = access[field]
  if (access.auth) view.auth = { login: access.auth.login }
  return view as ProxyAccessView
}
