/**
 * The page the window loads and the frames trusted as that page (src/main/app-page.ts).
 */
import { describe, expect, it } from 'vitest'
import { join, sep } from 'node:path'
import { appFileFor, BUILT_APP_PAGE_URL, chooseAppPageUrl, isSameAppOrigin } from '../../../src/main/app-page'

const BUILT = 'file:///opt/iproxy/out/renderer/index.html'

describe('chooseAppPageUrl', () => {
  it('loads the built page when no dev server is named (a packaged app passes none)', () => {
    expect(chooseAppPageUrl({ devServerUrl: undefined, builtPageUrl: BUILT })).toBe(BUILT)
    expect(chooseAppPageUrl({ devServerUrl: '', builtPageUrl: BUILT })).toBe(BUILT)
  })

  it('loads the dev server only over http(s)', () => {
    expect(chooseAppPageUrl({ devServerUrl: 'http://localhost:5173', builtPageUrl: BUILT })).toBe('http://localhost:5173/')
    expect(() => chooseAppPageUrl({ devServerUrl: 'file:///tmp/evil.html', builtPageUrl: BUILT })).toThrow(/http\(s\)/)
    expect(() => chooseAppPageUrl({ devServerUrl: 'not a url', builtPageUrl: BUILT })).toThrow(/not a URL/)
  })
})

describe('isSameAppOrigin', () => {
  it('compares scheme, host and port', () => {
    expect(BUILT_APP_PAGE_URL).toBe('app://iproxy-desktop/index.html')
    expect(isSameAppOrigin('app://iproxy-desktop/assets/x.js', BUILT_APP_PAGE_URL)).toBe(true)
    expect(isSameAppOrigin('app://other/index.html', BUILT_APP_PAGE_URL)).toBe(false)
    expect(isSameAppOrigin('http://localhost:5173/a', 'http://localhost:5173/')).toBe(true)
    expect(isSameAppOrigin('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })

  it('never trusts file://, with or without a host', () => {
    for (const url of ['file:///index.html', 'file://evilhost/share/index.html', 'file://iproxy-desktop/index.html']) {
      expect(isSameAppOrigin(url, BUILT_APP_PAGE_URL), url).toBe(false)
      expect(isSameAppOrigin(url, url), url).toBe(false)
    }
  })
})

describe('appFileFor (the app:// protocol handler)', () => {
  const root = join(sep, 'opt', 'iproxy', 'out', 'renderer')

  it('maps the app host’s paths to files under the renderer folder', () => {
    expect(appFileFor('app://iproxy-desktop/index.html', root)).toBe(join(root, 'index.html'))
    expect(appFileFor('app://iproxy-desktop/', root)).toBe(join(root, 'index.html'))
    expect(appFileFor('app://iproxy-desktop/assets/index-abc.js?v=1#x', root)).toBe(join(root, 'assets', 'index-abc.js'))
    expect(appFileFor('app://iproxy-desktop/assets/a%20b.css', root)).toBe(join(root, 'assets', 'a b.css'))
  })

  it('never leaves the renderer folder: dot segments are resolved by the URL parser within it', () => {
    expect(appFileFor('app://iproxy-desktop/../../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'))
    expect(appFileFor('app://iproxy-desktop/%2e%2e/%2e%2e/etc/passwd', root)).toBe(join(root, 'etc', 'passwd'))
  })

  it.each([
    ['app://iproxy-desktop/..%2f..%2f..%2fetc%2fpasswd'],
    ['app://iproxy-desktop/assets/..%2f..%2fmain%2findex.js'],
    ['app://iproxy-desktop/..%2F..%2F'],
    ['app://iproxy-desktop/..%5c..%5cmain%5cindex.js'],
    ['app://iproxy-desktop/index.html%00.png'],
    ['app://iproxy-desktop/%E0%A4%A'],
    ['app://other-host/index.html'],
    ['app://iproxy-desktop.evil/index.html'],
    ['file:///opt/iproxy/out/renderer/index.html'],
  ])('refuses %s', (url) => {
    expect(appFileFor(url, root)).toBeUndefined()
  })
})
