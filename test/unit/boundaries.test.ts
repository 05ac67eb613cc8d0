/**
 * The process boundaries of DESIGN.md, checked on the source: the renderer and shared code import nothing from
 * main or Node, and only the four shell files import electron (so everything else runs in plain Node tests).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const SRC = join(ROOT, 'src')
const ELECTRON_SHELL_FILES = ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc.ts', 'src/preload/index.ts']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(name) ? [path] : []
  })
}

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
]

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return IMPORT_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!))
}

const rel = (file: string) => relative(ROOT, file).split(sep).join('/')
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)

function violations(files: string[], isForbidden: (spec: string, file: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((spec) => isForbidden(spec, file)).map((spec) => `${rel(file)} imports ${spec}`))
}

const resolvesInto = (spec: string, file: string, folder: string) =>
  spec.startsWith('.') && (resolve(dirname(file), spec) + sep).startsWith(join(SRC, folder) + sep)

describe('process boundaries', () => {
  const all = sourceFiles(SRC)
  const renderer = sourceFiles(join(SRC, 'renderer'))
  const shared = sourceFiles(join(SRC, 'shared'))

  it('finds the source it checks', () => {
    expect(renderer.length).toBeGreaterThan(3)
    expect(shared.length).toBeGreaterThan(0)
    expect(all.map(rel)).toEqual(expect.arrayContaining(ELECTRON_SHELL_FILES))
  })

  it('only the four shell files import electron', () => {
    const importers = all.filter((file) => importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')))
    expect(importers.map(rel).sort()).toEqual([...ELECTRON_SHELL_FILES].sort())
  })

  it('the renderer imports nothing from main, preload or Node', () => {
    expect(
      violations(renderer, (spec, file) => isNodeBuiltin(spec) || resolvesInto(spec, file, 'main') || resolvesInto(spec, file, 'preload')),
    ).toEqual([])
  })

  it('shared code imports nothing from main, preload, renderer or Node', () => {
    expect(
      violations(
        shared,
        (spec, file) =>
          isNodeBuiltin(spec) || ['main', 'preload', 'renderer'].some((folder) => resolvesInto(spec, file, folder)) || spec === 'electron',
      ),
    ).toEqual([])
  })

  it('the checker itself catches a forbidden import', () => {
    const fake = join(SRC, 'renderer/src/fake.ts')
    expect(resolvesInto('../../main/core', fake, 'main')).toBe(true)
    expect(isNodeBuiltin('fs')).toBe(true)
    expect(isNodeBuiltin('node:path')).toBe(true)
    expect(isNodeBuiltin('zustand')).toBe(false)
  })
})
