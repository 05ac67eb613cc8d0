/**
 * The process boundaries of DESIGN.md, checked on the source: the renderer and shared code import nothing from
 * main or Node, only the four shell files import electron (so everything else runs in plain Node tests), and no
 * source file imports itself back through others (no import circles).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
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

// ---------------------------------------------------------------------------------------------------------
// Import circles. A small graph walk over relative imports (type-only ones too: a circle of types still ties
// the files together) rather than a dependency such as madge: the import reader above is all it needs.
// ---------------------------------------------------------------------------------------------------------

const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']

/** The source file a relative import names, or undefined (a package, or a file that is not source). */
function resolveImport(spec: string, file: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  const base = resolve(dirname(file), spec)
  return RESOLVE_SUFFIXES.map((suffix) => base + suffix).find((path) => existsSync(path) && statSync(path).isFile())
}

export type ImportGraph = Map<string, string[]>

function importGraph(files: string[]): ImportGraph {
  return new Map(files.map((file) => [file, [...new Set(importsOf(file).map((spec) => resolveImport(spec, file)).filter((f) => f !== undefined))]]))
}

/** A group of files that reach each other through imports, with one closed path through it as the example. */
interface ImportCircle {
  /** `[a, b, a]`: a imports b, b imports a. */
  path: string[]
  /** Every file of the group, sorted (the path may pass through only some of them). */
  files: string[]
}

/** Every import circle, one per group of files that reach each other (Tarjan's strongly connected components). */
function importCircles(graph: ImportGraph): ImportCircle[] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  let next = 0
  const visit = (file: string): void => {
    index.set(file, next)
    low.set(file, next++)
    stack.push(file)
    onStack.add(file)
    for (const to of graph.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(file, Math.min(low.get(file)!, low.get(to)!))
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!))
    }
    if (low.get(file) !== index.get(file)) return
    const group: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      group.push(member)
    } while (member !== file)
    if (group.length > 1 || graph.get(file)?.includes(file)) groups.push(group)
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return groups.map((group) => ({ path: closedPath(graph, new Set(group)), files: group.sort() }))
}

/** One circle through a group: a breadth-first walk from its first file back to itself, inside the group. */
function closedPath(graph: ImportGraph, group: Set<string>): string[] {
  const start = [...group].sort()[0]!
  const cameFrom = new Map<string, string>()
  const queue = [start]
  while (queue.length > 0) {
    const file = queue.shift()!
    for (const to of graph.get(file) ?? []) {
      if (!group.has(to)) continue
      if (to === start) {
        const path = [start]
        for (let at: string | undefined = file; at !== start && at !== undefined; at = cameFrom.get(at)) path.splice(1, 0, at)
        return [...path, start]
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, file)
        queue.push(to)
      }
    }
  }
  return [start, start]
}

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

  it('no source file imports itself back through others (no import circles)', () => {
    const circles = importCircles(importGraph(all)).map(({ path, files }) => {
      const others = files.filter((file) => !path.includes(file)).map(rel)
      return path.map(rel).join(' -> ') + (others.length > 0 ? ` (its group also holds ${others.join(', ')})` : '')
    })
    expect(circles).toEqual([])
  })

  it('the circle finder finds a circle and names its files in order', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ])
    expect(importCircles(graph)).toEqual([
      { path: ['a', 'b', 'c', 'a'], files: ['a', 'b', 'c'] },
      { path: ['e', 'e'], files: ['e'] },
    ])
    expect(importCircles(new Map([['a', ['b']], ['b', []]]))).toEqual([])
    // It reads real imports: the renderer's entry resolves to files that exist.
    const entry = join(SRC, 'renderer/src/main.tsx')
    expect(importGraph([entry]).get(entry)!.length).toBeGreaterThan(0)
  })

  it('the checker itself catches a forbidden import', () => {
    const fake = join(SRC, 'renderer/src/fake.ts')
    expect(resolvesInto('../../main/wiring', fake, 'main')).toBe(true)
    expect(isNodeBuiltin('fs')).toBe(true)
    expect(isNodeBuiltin('node:path')).toBe(true)
    expect(isNodeBuiltin('zustand')).toBe(false)
  })
})
