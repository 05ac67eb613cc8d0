/**
 * Launches the built app in real Electron and sees the shell. It runs wherever an Electron binary exists (a
 * developer's laptop, the release pipeline); where none can be downloaded it says so and does not run. It is the
 * only test allowed to be absent from a CI run (DESIGN.md).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { _electron, expect, test } from '@playwright/test'
import { findElectronBinary } from './electron-binary'

const ROOT = resolve(__dirname, '../..')
// The release workflow sets IPROXY_PACKAGED_APP to a packaged test build's executable (electron-builder.yml).
const packagedApp = process.env.IPROXY_PACKAGED_APP
const binary: { path?: string; reason?: string } = packagedApp ? { path: packagedApp } : findElectronBinary()
if (!binary.path) console.warn(`not run: the Electron smoke test needs an Electron binary: ${binary.reason}`)
test.skip(!binary.path, `not run: ${binary.reason ?? ''}`)

test('the packaged entry point opens the shell with the version from package.json', async () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string; productName: string }
  // A packaged app loads its own app.asar; the development build is the project folder.
  const args = packagedApp ? [] : [ROOT]
  if (process.getuid?.() === 0) args.unshift('--no-sandbox')
  const app = await _electron.launch({ executablePath: binary.path!, args, cwd: ROOT })
  try {
    const window = await app.firstWindow()
    await expect(window.getByTestId('app-version')).toHaveText(`${pkg.productName} ${pkg.version}`)
    await expect(window.getByRole('navigation', { name: 'Sections' })).toBeVisible()
    // The renderer has no Node: the sandbox and context isolation hold in the real app.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  } finally {
    await app.close()
  }
})
