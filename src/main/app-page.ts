/**
 * Which page the window loads and which frames count as that page. Plain Node (no electron), so the shell's rules
 * are unit-tested: the sender check (handler-table.ts) and the navigation guard (window.ts) both ask `isSameAppOrigin`.
 */

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
