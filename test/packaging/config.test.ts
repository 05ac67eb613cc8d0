/**
 * electron-builder.yml as a whole: what the packaging check cannot build here (Windows, macOS, AppImage, deb) is
 * at least configured as the README promises. electron-builder validates the file against its schema in every
 * build of the packaging check, so these tests check our intent, not the syntax.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = join(__dirname, '../..')
// js-yaml: electron-builder's own YAML parser (a dependency of app-builder-lib).
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown }

interface Target {
  target: string
  arch: string[]
}
interface Config {
  appId: string
  productName: string
  directories: { buildResources: string; output: string }
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  publish: Array<{ provider: string; url?: string; owner?: string; repo?: string }>
  electronFuses: Record<string, boolean>
  win: { target: Target[]; icon: string }
  nsis: Record<string, unknown>
  mac: { target: Target[]; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize?: unknown }
  linux: { target: Target[]; icon: string; category: string; executableName: string; maintainer: string; desktop: { entry: Record<string, string> } }
  deb: { depends: string[] }
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string; version: string; dependencies: Record<string, string> }
const targets = (list: Target[]) => Object.fromEntries(list.map((t) => [t.target, [...t.arch].sort()]))

describe('electron-builder.yml', () => {
  test('names the app as package.json does', () => {
    expect(config.appId).toBe('online.iproxy.desktop')
    expect(config.productName).toBe(pkg.productName)
    expect(config.directories).toEqual({ buildResources: 'resources', output: 'dist' })
  })

  test('packs only the built output into asar, with keytar’s and libsql’s native modules unpacked', () => {
    expect(config.asar).toBe(true)
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'])
    expect(config.files).toContain('!**/*.map')
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/build/Release/*.node', '**/node_modules/@libsql/*/*.node'])
  })

  test('publishes an update feed: GitHub releases first (what the app reads), a generic HTTPS feed as the alternative', () => {
    expect(config.publish.map((p) => p.provider)).toEqual(['github', 'generic'])
    expect(config.publish[0]).toMatchObject({ owner: expect.any(String), repo: expect.any(String) })
    expect(config.publish[1]!.url).toMatch(/^https:\/\/[^/]+\/.*\/$/)
    // The zip is the macOS updater's format, the AppImage Linux's: both must stay targets beside dmg and deb.
    expect(config.mac.target.map((t) => t.target)).toContain('zip')
    expect(config.linux.target.map((t) => t.target)).toContain('AppImage')
    expect(pkg.dependencies['electron-updater']).toBeDefined()
  })

  test('release fuses: no Node mode, no NODE_OPTIONS, no inspector, asar integrity and asar-only loading, encrypted cookies, no file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    })
  })

  test('Windows: a per-user NSIS installer for x64 and arm64', () => {
    expect(targets(config.win.target)).toEqual({ nsis: ['arm64', 'x64'] })
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, oneClick: false })
    expect(config.win.icon).toBe('resources/icons/icon.ico')
  })

  test('macOS: dmg and zip for x64 and arm64, hardened runtime with an entitlements file, notarization left to the environment', () => {
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] })
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.notarize).toBeUndefined()
    expect(config.mac.icon).toBe('resources/icons/icon.icns')
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(file).toBe('resources/entitlements.mac.plist')
    }
    const plist = readFileSync(join(ROOT, config.mac.entitlements), 'utf8')
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/)
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]])
    // JIT for V8, and nothing else: each extra exception weakens the hardened runtime.
    expect(keys).toEqual([['com.apple.security.cs.allow-jit', 'true']])
  })

  test('Linux: AppImage and deb for x64 and arm64, in the Network category, with libsecret required', () => {
    expect(targets(config.linux.target)).toEqual({ AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] })
    expect(config.linux.category).toBe('Network')
    expect(config.linux.desktop.entry).toMatchObject({ Name: pkg.productName, Categories: 'Network;' })
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/)
    expect(config.deb.depends).toContain('libsecret-1-0')
    expect(config.linux.icon).toBe('resources/icons/png')
  })

  test('every icon and resource the file names exists', () => {
    for (const file of [config.win.icon, config.mac.icon, config.mac.entitlements, config.linux.icon]) expect(existsSync(join(ROOT, file)), file).toBe(true)
  })

  test('CHANGELOG.md has an entry for the version in package.json', () => {
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'))
  })
})
