/**
 * Which page the window loads and which frames count as that page. Plain Node (no electron), so the shell's rules
 * are unit-tested: the sender check (handler-table.ts) and the navigation guard (window.ts) both ask `isSameAppOrigin`.
 */
import { isAbsolute, relative, resolve } from 'node:path'
import { RECOVERED_PARAM } from '../shared/contract/app'

/**
 * The dev server's page in `npm run dev` (electron-vite sets ELECTRON_RENDERER_URL), the built page otherwise.
 * `devServerUrl` is passed only when the app is not packaged (main/index.ts reads the variable behind
 * `app.isPackaged`, and the security gate checks that): a packaged app never loads a page named by its
 * environment, which would become the trusted sender with the whole bridge.
 */
export function chooseAppPageUrl(options: { devServerUrl: string | undefined; builtPageUrl: string }): string {
  const dev = options.devServerUrl
  if (!dev) return options.builtPageUrl
  let url: URL
  try {
    url = new URL(dev)
  } catch {
    throw new Error(`The dev server address is not a URL: ${JSON.stringify(dev)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The dev server address must be an http(s) URL, not ${url.protocol}`)
  return url.href
}

/**
 * The built app is served from `app://iproxy-desktop/`, a privileged standard scheme (window.ts registers it and
 * serves out/renderer through `appFileFor`), not from file://. A file:// page gets privileges beyond a web page's
 * (the fuse grantFileProtocolExtraPrivileges, off in electron-builder.yml, takes them away) and file:// URLs
 * carry a host that was ignored: file://evilhost/... (a UNC path on Windows) passed the old path comparison.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'iproxy-desktop'
export const BUILT_APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const TRUSTED_PAGE_PROTOCOLS = new Set([`${APP_SCHEME}:`, 'http:', 'https:'])

/**
 * True when `url` has the app page's full origin: scheme, host and port (the dev server and the e2e harness are
 * http; the built app is app://). Compared part by part because Node gives a non-special scheme such as app: the
 * opaque origin "null". file:// is never the app, whatever its path; neither is a URL with credentials.
 */
export function isSameAppOrigin(url: string | undefined, appPageUrl: string): boolean {
  if (!url) return false
  let target: URL
  let page: URL
  try {
    target = new URL(url)
    page = new URL(appPageUrl)
  } catch {
    return false
  }
  if (!TRUSTED_PAGE_PROTOCOLS.has(page.protocol) || page.host === '') return false
  if (target.username !== '' || target.password !== '') return false
  return target.protocol === page.protocol && target.host === page.host
}

/**
 * The file under `rootDir` that an app:// request asks for, or undefined when it asks for anything else: another
 * host, a path that leaves `rootDir` (`..` with percent-encoded slashes or backslashes), a NUL byte.
 */
export function appFileFor(requestUrl: string, rootDir: string): string | undefined {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  // No built file's name has a NUL or a backslash; on Windows a backslash would be a separator (`..\\..`).
  if (path.includes('\0') || path.includes('\\')) return undefined
  const root = resolve(rootDir)
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined
  return file
}


/** The app page to load after its renderer stopped, flagged so the page can tell the user what happened. */
export function pageAfterCrash(appPageUrl: string, reason: string): string {
  const url = new URL(appPageUrl)
  url.searchParams.set(RECOVERED_PARAM, reason)
  url.hash = ''
  return url.href
}
