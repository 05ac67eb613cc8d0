/**
 * Which links may leave the app for the user's browser: https only, on the iProxy hosts. Used by the window's
 * navigation guards and by the `app.openExternal` call, so both follow one list.
 */
export const EXTERNAL_LINK_HOSTS = ['iproxy.online'] as const

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false
  return EXTERNAL_LINK_HOSTS.some((host) => parsed.hostname === host || parsed.hostname.endsWith(`.${host}`))
}
