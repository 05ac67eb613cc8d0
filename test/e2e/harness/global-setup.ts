/**
 * Before the e2e run: the renderer must be built (`npm run build`), and the harness bridge is bundled from
 * src/shared/bridge.ts so the page gets the same createBridge the preload uses.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { requireSystem } from '../../support/system'
import { chromiumAvailability } from './chromium'
import { BRIDGE_BUNDLE, RENDERER_DIR, REPO_ROOT } from './paths'

export default function globalSetup(): void {
  // Under IPROXY_REQUIRE_SYSTEM=1 a missing browser fails the run here, before any test is counted as skipped.
  requireSystem('Chromium', chromiumAvailability(), () => {})
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR} is missing): run \`npm run build\` first.`)
  }
  const vite = resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', '--config', resolve(__dirname, 'vite.bridge.config.mts')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0 || !existsSync(BRIDGE_BUNDLE)) throw new Error('Bundling the e2e harness bridge failed.')
}
