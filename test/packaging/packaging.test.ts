/**
 * The packaging check: builds the app with electron-builder for real (`--linux dir`, from electron-builder.yml)
 * on a stand-in Electron (stand-in-electron.ts explains why and what it holds), then looks inside the result.
 * Needs the built app in out/ (`npm run build`, the stage before this one in `npm test`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, posix, relative } from 'node:path'
import { extractFile, getRawHeader } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildLinuxDir, ROOT, type BuildResult } from './build-linux-dir'
import { ELECTRON_DEFAULT_WIRE, FUSES, makeStandInElectron, readFuses } from './stand-in-electron'

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
  productName: string
  main: string
  dependencies: Record<string, string>
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>
}
const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
const EXECUTABLE = 'iproxy-desktop'
/** Development tools that must never reach an installer. */
const DEV_ONLY = ['vite', 'vitest', 'playwright', 'playwright-core', '@playwright/test', 'electron', 'electron-builder', 'electron-vite', 'typescript', 'eslint', 'react', 'react-dom', '@doyensec/electronegativity']

const requiredBuild = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']
const missingBuild = requiredBuild.filter((file) => !existsSync(join(ROOT, file)))

let work: string
let release: BuildResult
let testBuild: BuildResult
let asarPath: string
let entries: string[]

/** Files (not folders) in the archive, as '/path' strings. */
const filesIn = (archive: string): string[] => {
  const header = getRawHeader(archive).header as { files?: Record<string, unknown> }
  const files: string[] = []
  const walk = (node: { files?: Record<string, unknown> }, path: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const entry = child as { files?: Record<string, unknown> }
      if (entry.files) walk(entry, `${path}/${name}`)
      else files.push(`${path}/${name}`)
    }
  }
  walk(header, '')
  return files
}

const walkDisk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walkDisk(path) : [path]
  })

/** '/node_modules/a/node_modules/@s/b/lib/x.js' → ['node_modules/a', 'node_modules/a/node_modules/@s/b']. */
const packageDirsOf = (path: string): string[] => {
  const parts = path.replace(/^\//, '').split('/')
  const dirs: string[] = []
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== 'node_modules') continue
    const name = parts[i + 1]?.startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1]
    dirs.push([...parts.slice(0, i + 1), name].join('/'))
  }
  return dirs
}

beforeAll(async () => {
  if (missingBuild.length > 0) return
  work = mkdtempSync(join(tmpdir(), 'iproxy-packaging-'))
  const standIn = makeStandInElectron(join(work, 'electron-stand-in'), electronVersion)
  release = await buildLinuxDir({ standIn, outputDir: join(work, 'release') })
  testBuild = await buildLinuxDir({
    standIn,
    outputDir: join(work, 'test-build'),
    extraArgs: ['--config.electronFuses.enableNodeCliInspectArguments=true'],
  })
  asarPath = join(release.appDir, 'resources', 'app.asar')
  entries = filesIn(asarPath)
  const unpackedDir = join(release.appDir, 'resources', 'app.asar.unpacked')
  const unpackedBytes = walkDisk(unpackedDir).reduce((sum, file) => sum + statSync(file).size, 0)
  console.log(
    `app.asar: ${(statSync(asarPath).size / 1024 / 1024).toFixed(2)} MB, ${entries.length} files; ` +
      `app.asar.unpacked: ${(unpackedBytes / 1024).toFixed(0)} KB; ` +
      `electron-builder --linux dir: ${release.seconds.toFixed(1)} s (release), ${testBuild.seconds.toFixed(1)} s (test build)`,
  )
}, 180_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the packaged app (electron-builder --linux dir on a stand-in Electron)', () => {
  test('the app is built first (npm run build)', () => {
    expect(missingBuild, `missing ${missingBuild.join(', ')}: run \`npm run build\` before the packaging check`).toEqual([])
  })

  test('the app folder holds the renamed executable, Electron’s licence and the archive', () => {
    expect(readdirSync(release.appDir).sort()).toEqual(['LICENSE.electron.txt', 'LICENSES.chromium.html', EXECUTABLE, 'resources', 'version'].sort())
    if (process.platform !== 'win32') expect(statSync(join(release.appDir, EXECUTABLE)).mode & 0o111).not.toBe(0)
    expect(readdirSync(join(release.appDir, 'resources')).sort()).toEqual(['app-update.yml', 'app.asar', 'app.asar.unpacked'])
    // What the updater reads (electron-builder.yml's first publish provider): the GitHub releases of the project.
    expect(readFileSync(join(release.appDir, 'resources/app-update.yml'), 'utf8')).toMatch(/^provider: github$/m)
    expect(release.log).toContain('using custom unpacked Electron distribution')
  })

  test('app.asar holds out/main, out/preload, out/renderer and package.json, whose main resolves inside it', () => {
    const app = entries.filter((file) => !file.startsWith('/node_modules/'))
    const renderer = walkDisk(join(ROOT, 'out/renderer'))
      .map((file) => `/${relative(ROOT, file).split('\\').join('/')}`)
      .filter((file) => !file.endsWith('.map'))
    expect(app.sort()).toEqual(['/out/main/index.js', '/out/preload/index.js', ...renderer, '/package.json'].sort())

    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as typeof pkg
    expect({ name: packed.name, version: packed.version, productName: packed.productName, main: packed.main }).toEqual({
      name: pkg.name,
      version: pkg.version,
      productName: pkg.productName,
      main: pkg.main,
    })
    const main = posix.join('/', posix.normalize(packed.main))
    expect(entries).toContain(main)
    expect(extractFile(asarPath, main.slice(1)).equals(readFileSync(join(ROOT, pkg.main)))).toBe(true)
  })

  test('only production dependencies are packed, and they cover every package the main bundle requires', () => {
    const packages = [...new Set(entries.flatMap(packageDirsOf))].sort()
    const isProduction = (entry: (typeof lock.packages)[string] | undefined) => !!entry && entry.dev !== true && entry.devOptional !== true
    const devPackages = packages.filter((dir) => {
      if (isProduction(lock.packages[dir])) return false
      // electron-builder hoists a nested production copy (socks-proxy-agent's own agent-base) to the top when the
      // top-level one of that name is dev-only: allowed when the lockfile has that very version in production.
      const name = dir.replace(/^.*node_modules\//, '')
      const version = (JSON.parse(extractFile(asarPath, `${dir}/package.json`).toString('utf8')) as { version?: string }).version
      return !Object.entries(lock.packages).some(([path, entry]) => path.endsWith(`node_modules/${name}`) && entry.version === version && isProduction(entry))
    })
    expect(devPackages, 'packages in app.asar that package-lock.json does not list as production dependencies').toEqual([])
    expect(packages.filter((dir) => DEV_ONLY.includes(dir.replace(/^node_modules\//, '')))).toEqual([])
    for (const name of Object.keys(pkg.dependencies)) expect(entries).toContain(`/node_modules/${name}/package.json`)

    // electron-vite leaves dependencies as require() calls in the main bundle: each must be in the archive.
    const mainBundle = readFileSync(join(ROOT, pkg.main), 'utf8')
    const required = [...mainBundle.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!)
    const external = [...new Set(required)].filter((id) => id !== 'electron' && !id.startsWith('node:') && !builtinModules.includes(id) && !id.startsWith('.'))
    expect(external.length).toBeGreaterThan(0)
    for (const id of external) {
      const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!
      expect(entries, `the main bundle requires ${id}`).toContain(`/node_modules/${name}/package.json`)
    }
    // The sandboxed preload cannot require packages: it needs electron alone.
    const preload = readFileSync(join(ROOT, 'out/preload/index.js'), 'utf8')
    expect([...new Set([...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]))]).toEqual(['electron'])
  })

  test('keytar’s native module is unpacked next to the archive, and the archive points at it', () => {
    const nodeFile = join(release.appDir, 'resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node')
    expect(existsSync(nodeFile)).toBe(true)
    // npmRebuild is off here, so it is the very file `npm ci` built (an ELF shared object on Linux).
    expect(readFileSync(nodeFile).equals(readFileSync(join(ROOT, 'node_modules/keytar/build/Release/keytar.node')))).toBe(true)
    if (process.platform === 'linux') expect(readFileSync(nodeFile).subarray(0, 4).toString('latin1')).toBe('\x7fELF')
    const header = getRawHeader(asarPath).header as { files: Record<string, { files?: object; unpacked?: boolean }> }
    const lookup = (path: string) =>
      path.split('/').reduce<{ files?: Record<string, unknown>; unpacked?: boolean } | undefined>(
        (node, name) => node?.files?.[name] as { files?: Record<string, unknown>; unpacked?: boolean } | undefined,
        header as { files?: Record<string, unknown> },
      )
    expect(lookup('node_modules/keytar/build/Release/keytar.node')?.unpacked).toBe(true)
    // No other native module hides inside the archive, where it could not be loaded.
    expect(entries.filter((file) => file.endsWith('.node') && !lookup(file.slice(1))?.unpacked)).toEqual([])
  })

  test('libsql’s prebuilt binary for this platform is unpacked, loads in Node, and the musl one is left out', () => {
    // libsql requires `@libsql/<platform>-<arch>[-gnu|-msvc]`, whose main is index.node (see electron-builder.yml).
    const binaryPackages = readdirSync(join(ROOT, 'node_modules/@libsql')).filter((name) => !name.includes('musl'))
    expect(binaryPackages.length).toBeGreaterThan(0)
    const header = getRawHeader(asarPath).header as { files?: Record<string, unknown> }
    const lookup = (path: string) =>
      path.split('/').reduce<{ files?: Record<string, unknown>; unpacked?: boolean } | undefined>(
        (node, name) => node?.files?.[name] as { files?: Record<string, unknown>; unpacked?: boolean } | undefined,
        header,
      )
    for (const name of binaryPackages) {
      const inApp = `node_modules/@libsql/${name}/index.node`
      const nodeFile = join(release.appDir, 'resources/app.asar.unpacked', inApp)
      expect(existsSync(nodeFile), `${inApp} in app.asar.unpacked`).toBe(true)
      expect(readFileSync(nodeFile).equals(readFileSync(join(ROOT, inApp)))).toBe(true)
      expect(lookup(inApp)?.unpacked).toBe(true)
      // The package.json that names it stays in the archive, where libsql's require() finds the package.
      expect(entries).toContain(`/node_modules/@libsql/${name}/package.json`)
      // N-API: the very file Electron will load opens a database in plain Node too.
      const binding = createRequire(__filename)(nodeFile) as Record<string, unknown>
      expect(typeof binding.databaseOpen).toBe('function')
    }
    expect(entries).toContain('/node_modules/libsql/index.js')
    expect(entries.filter((file) => file.startsWith('/node_modules/@libsql/') && file.includes('musl'))).toEqual([])
  })

  test('no source maps, TypeScript sources or test files are shipped', () => {
    const unpackedDir = join(release.appDir, 'resources/app.asar.unpacked')
    const unpacked = walkDisk(unpackedDir).map((file) => `/${relative(unpackedDir, file).split('\\').join('/')}`)
    const shipped = [...entries, ...unpacked]
    expect(shipped.filter((file) => file.endsWith('.map'))).toEqual([])
    expect(shipped.filter((file) => /\.(ts|tsx|mts|cts)$/.test(file))).toEqual([])
    expect(shipped.filter((file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || /\/(test|tests|__tests__)\//.test(file))).toEqual([])
    expect(shipped.filter((file) => file.startsWith('/out/simulator/') || file.startsWith('/src/') || file.startsWith('/test/'))).toEqual([])
  })

  test('the release build flips the fuses of electron-builder.yml in the executable', () => {
    expect(release.log).toContain('executing @electron/fuses')
    const fuses = readFuses(readFileSync(join(release.appDir, EXECUTABLE)))
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Off although Electron's default is on: the app is served from app://, so file:// needs no privileges.
      grantFileProtocolExtraPrivileges: false,
      // Not set by us: it keeps Electron's default.
      loadBrowserProcessSpecificV8Snapshot: ELECTRON_DEFAULT_WIRE[FUSES.indexOf('loadBrowserProcessSpecificV8Snapshot')] === '1',
    })
    expect(ELECTRON_DEFAULT_WIRE[FUSES.indexOf('grantFileProtocolExtraPrivileges')]).toBe('1')
  })

  test('the test build (for the _electron smoke test) differs from the release only in the inspect fuse', () => {
    const releaseFuses = readFuses(readFileSync(join(release.appDir, EXECUTABLE)))
    const testFuses = readFuses(readFileSync(join(testBuild.appDir, EXECUTABLE)))
    expect(testFuses).toEqual({ ...releaseFuses, enableNodeCliInspectArguments: true })
    // Same package.json and dependencies (the renderer's file names come from the build in out/, compared above).
    const notRenderer = (files: string[]) => files.filter((file) => !file.startsWith('/out/renderer/'))
    expect(notRenderer(filesIn(join(testBuild.appDir, 'resources/app.asar')))).toEqual(notRenderer(entries))
  })
})
