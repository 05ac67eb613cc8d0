/**
 * "Open a browser through this relay": the user's Chrome, Chromium or Edge with a fresh temporary profile (so their
 * own profile, extensions and cookies are untouched) and `--proxy-server` pointing at the relay. The profile folder
 * is removed when that browser exits.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where the usual Chromium-family browsers live, per platform, first found wins. */
export function browserCandidates(platform = process.platform, env = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r))
    return roots.flatMap((root) => [
      join(root, 'Google/Chrome/Application/chrome.exe'),
      join(root, 'Microsoft/Edge/Application/msedge.exe'),
      join(root, 'Chromium/Application/chrome.exe'),
    ])
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
  }
  return ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/microsoft-edge', '/snap/bin/chromium']
}

export function findBrowser(candidates = browserCandidates()): string | undefined {
  return candidates.find((path) => existsSync(path))
}

export interface OpenedBrowser {
  /** The temporary profile folder (removed when the browser exits). */
  profile: string
  /** Resolves once the browser exited and its profile folder is gone. */
  exited: Promise<void>
}

/**
 * Starts the browser detached from the app; resolves once it was spawned. `extraArgs` go before the URL (the
 * tests run it headless).
 */
export async function openBrowserThrough(browser: string, proxyServer: string, url = 'https://ipinfo.io/json', extraArgs: string[] = []): Promise<OpenedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'iproxy-relay-browser-'))
  const args = [`--user-data-dir=${profile}`, `--proxy-server=${proxyServer}`, '--no-first-run', '--no-default-browser-check', ...extraArgs, url]
  const child = spawn(browser, args, { detached: true, stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => void rm(profile, { recursive: true, force: true }).then(resolve, resolve)))
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve())
      child.once('error', reject)
    })
  } catch (err) {
    await rm(profile, { recursive: true, force: true })
    throw err
  }
  child.unref()
  return { profile, exited }
}
