/**
 * Finds an Electron binary without triggering the `electron` package's download (requiring the package would
 * try to fetch it, which fails on machines that reach only the npm and Debian registries).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const PACKAGE_DIR = resolve(__dirname, '../../node_modules/electron')

export function findElectronBinary(): { path?: string; reason?: string } {
  const pathFile = join(PACKAGE_DIR, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const candidate = override ? join(override, relativePath ?? 'electron') : relativePath && join(PACKAGE_DIR, 'dist', relativePath)
  if (candidate && existsSync(candidate)) return { path: candidate }
  return {
    reason:
      'no Electron binary is installed (node_modules/electron/dist is empty: its download from GitHub is unreachable here). ' +
      'Run `npx install-electron` where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH.',
  }
}
