/**
 * package.json's promises about installing: the Node versions it states are the ones its tools really need
 * (their own `engines`, read from node_modules), the README says the same per task, and `allowScripts` decides on
 * every package with an install script (package-lock.json's hasInstallScript), so a stricter npm does not break
 * an install by skipping one the build needs.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = join(__dirname, '../..')
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>
// semver: npm's own range logic (a dependency of the build tools).
const semver = createRequire(__filename)('semver') as { subset(a: string, b: string): boolean; minVersion(range: string): { version: string } | null }

const pkg = json('package.json') as { engines: { node: string }; allowScripts: Record<string, boolean> }
const lock = json('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean; engines?: { node?: string } }> }
const enginesOf = (name: string) => (json(`node_modules/${name}/package.json`).engines as { node: string }).node
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

describe('package.json engines', () => {
  test('every Node it allows is one the build and test tools support', () => {
    const tools = ['vite', 'electron-vite', 'rolldown', '@vitejs/plugin-react', 'vitest', 'undici', 'eslint', '@playwright/test']
    const unsupported = tools.filter((tool) => !semver.subset(pkg.engines.node, enginesOf(tool))).map((tool) => `${tool} needs ${enginesOf(tool)}`)
    expect(unsupported).toEqual([])
    expect(readme).toContain(`Node \`${pkg.engines.node}\``)
  })

  test('the README names the newer Node that Electron and the installer build need', () => {
    const needs = ['electron', '@electron/rebuild', '@electron/get'].map((name) => semver.minVersion(enginesOf(name))?.version)
    const newest = needs.sort((a, b) => (semver.subset(`>=${a}`, `>=${b}`) ? -1 : 1))[0]!
    expect(newest).toBe('22.12.0')
    expect(readme).toMatch(/building installers \(`npm run dist\*`\): Node 22\.12 or newer/)
  })
})

describe('package.json allowScripts', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path]) => path.replace(/^.*node_modules\//, ''))

  test('decides on every package with an install script', () => {
    expect(withScripts.length).toBeGreaterThan(0)
    expect(withScripts.filter((name) => typeof pkg.allowScripts[name] !== 'boolean')).toEqual([])
  })

  test('allows the scripts the build needs: keytar, the Windows installer tool and electron', () => {
    expect(pkg.allowScripts).toMatchObject({ keytar: true, 'electron-winstaller': true, electron: true })
    // Every other entry names a package that exists in the lockfile, so the list does not rot.
    const unknown = Object.keys(pkg.allowScripts).filter((name) => !lock.packages[`node_modules/${name}`])
    expect(unknown).toEqual([])
  })
})
