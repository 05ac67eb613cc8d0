/**
 * The page the window loads and the frames trusted as that page (src/main/app-page.ts).
 */
import { describe, expect, it } from 'vitest'
import { chooseAppPageUrl } from '../../../src/main/app-page'

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
