/**
 * Which addresses an action link may be run at. The API returns the link's URL and the app requests it, so a
 * tampered or hostile answer must not make the app request an arbitrary address (an intranet page, a plain-http
 * host anyone on the network can answer for). Allowed: https only, on the host family of the profile's API:
 *
 * - the official API (iproxy.online) hands out links on i.fxdx.in (the seed's examples): its family is
 *   iproxy.online and fxdx.in, with their subdomains;
 * - any other API host (a staging server): that host and its subdomains.
 *
 * The one exception is the simulator (src/main/demo), which serves plain http on loopback, links included: when
 * the API base URL itself is http on a loopback address, links on loopback addresses are allowed over http too.
 * Nothing off the machine is ever reached over http.
 */
import { isLoopbackHost } from '../../shared/validators'

/** The official API's hosts and the hosts its action links live on. */
const OFFICIAL_FAMILY = ['iproxy.online', 'fxdx.in'] as const

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase()
const within = (hostname: string, domain: string) => hostname === domain || hostname.endsWith(`.${domain}`)

/** Why `link` may not be run for a profile whose API is at `apiBase`, or undefined when it may. */
export function actionLinkProblem(link: URL, apiBase: URL): string | undefined {
  if (link.username || link.password) return 'it carries a user name or password'
  const host = bare(link.hostname)
  const apiHost = bare(apiBase.hostname)
  // The simulator: http on loopback for the API, so for its links too (see above).
  if (apiBase.protocol === 'http:' && isLoopbackHost(apiHost)) {
    if (isLoopbackHost(host) && (link.protocol === 'http:' || link.protocol === 'https:')) return undefined
    return `it points at ${host}, which is not on this computer like the profile's API`
  }
  if (link.protocol !== 'https:') return 'it is not an https address'
  const family = OFFICIAL_FAMILY.some((domain) => within(apiHost, domain)) ? [...OFFICIAL_FAMILY] : [apiHost]
  if (!family.some((domain) => within(host, domain))) return `it points at ${host}, which is not an address of the iProxy service this profile uses`
  return undefined
}
