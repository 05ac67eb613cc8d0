/**
 * Styles are global in one page: a rule in one feature's css applies to every screen once that feature has loaded
 * (issue 18: opening a connection's detail turned the list's "No data" red). So every class belongs to one owner:
 * the shared styles (styles.css and ui/), or one feature (features/<name>/). This test reads every css file under
 * src/renderer and fails on a rule that could restyle another owner's screen.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const RENDERER = resolve(__dirname, '../../../src/renderer/src')

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return cssFiles(path)
    return entry.name.endsWith('.css') ? [path] : []
  })
}

/** 'shared' for styles.css and ui/, else the feature's folder name. */
function ownerOf(file: string): string {
  const rel = relative(RENDERER, file).split(/[\\/]/)
  if (rel[0] === 'features' && rel[1]) return `features/${rel[1]}`
  return 'shared'
}

/** Every style rule's selectors, inside @media and @supports too; @keyframes steps and @font-face are not selectors. */
export function selectorsOf(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const selectors: string[] = []
  const walk = (body: string) => {
    let i = 0
    while (i < body.length) {
      const open = body.indexOf('{', i)
      if (open < 0) break
      const prelude = body.slice(i, open).replace(/^[\s;}]+/, '').trim()
      let depth = 1
      let j = open + 1
      while (j < body.length && depth > 0) {
        if (body[j] === '{') depth++
        else if (body[j] === '}') depth--
        j++
      }
      const inner = body.slice(open + 1, j - 1)
      if (prelude.startsWith('@')) {
        if (/^@(media|supports|layer|container)\b/.test(prelude)) walk(inner)
      } else {
        selectors.push(...prelude.split(',').map((s) => s.trim()).filter(Boolean))
      }
      i = j
    }
  }
  walk(text)
  return selectors
}

/** The class names a selector mentions (attribute values and strings are not classes). */
export function classesOf(selector: string): string[] {
  const bare = selector.replace(/\[[^\]]*\]/g, '[]').replace(/(['"]).*?\1/g, '')
  return [...bare.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!)
}

interface Rule {
  file: string
  owner: string
  selector: string
  classes: string[]
}

function readRules(): Rule[] {
  return cssFiles(RENDERER).flatMap((file) => {
    const owner = ownerOf(file)
    return selectorsOf(readFileSync(file, 'utf8')).map((selector) => ({ file: relative(RENDERER, file), owner, selector, classes: classesOf(selector) }))
  })
}

/** What is wrong with these rules, one line each; empty when no owner can restyle another's screen. */
export function ownershipProblems(rules: Rule[]): string[] {
  const shared = new Set(rules.filter((r) => r.owner === 'shared').flatMap((r) => r.classes))
  const owners = new Map<string, Map<string, string>>()
  for (const rule of rules) {
    if (rule.owner === 'shared') continue
    for (const name of rule.classes) {
      if (shared.has(name)) continue
      const byOwner = owners.get(name) ?? new Map<string, string>()
      if (!byOwner.has(rule.owner)) byOwner.set(rule.owner, rule.file)
      owners.set(name, byOwner)
    }
  }
  const problems: string[] = []
  for (const [name, byOwner] of owners) {
    if (byOwner.size > 1) problems.push(`.${name} is defined by two features: ${[...byOwner.values()].join(', ')} (prefix it by its feature)`)
  }
  for (const rule of rules) {
    if (rule.owner === 'shared') continue
    const own = rule.classes.filter((name) => !shared.has(name))
    if (own.length > 0) continue
    problems.push(
      rule.classes.length === 0
        ? `${rule.file}: "${rule.selector}" styles elements on every screen (move it to styles.css, or scope it under a class of ${rule.owner})`
        : `${rule.file}: "${rule.selector}" restyles the shared ${rule.classes.map((c) => `.${c}`).join(' ')} on every screen (scope it under a class of ${rule.owner})`,
    )
  }
  return problems
}

describe('renderer css ownership', () => {
  it('reads selectors inside @media, skips comments and @keyframes, and finds classes but not attribute values', () => {
    const css = `/* .ghost { } */ .a, .b > p { x: 1 } @media (prefers-color-scheme: dark) { .c:hover { y: 2 } } @keyframes spin { 0% { a: 1 } 50.5% { a: 2 } } [data-x='.y'] .d.e { z: 3 }`
    const selectors = selectorsOf(css)
    expect(selectors).toEqual(['.a', '.b > p', '.c:hover', "[data-x='.y'] .d.e"])
    expect(selectors.flatMap(classesOf)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('flags a class two features define, a feature restyling a shared class, and a feature styling bare elements', () => {
    const rule = (file: string, owner: string, selector: string): Rule => ({ file, owner, selector, classes: classesOf(selector) })
    const problems = ownershipProblems([
      rule('styles.css', 'shared', '.toolbar'),
      rule('features/a/a.css', 'features/a', '.status-nodata'),
      rule('features/b/b.css', 'features/b', '.status-nodata'),
      rule('features/a/a.css', 'features/a', '.a-footer .toolbar'),
      rule('features/b/b.css', 'features/b', '.toolbar'),
      rule('features/b/b.css', 'features/b', 'textarea'),
    ])
    expect(problems).toEqual([
      '.status-nodata is defined by two features: features/a/a.css, features/b/b.css (prefix it by its feature)',
      'features/b/b.css: ".toolbar" restyles the shared .toolbar on every screen (scope it under a class of features/b)',
      'features/b/b.css: "textarea" styles elements on every screen (move it to styles.css, or scope it under a class of features/b)',
    ])
  })

  it('no screen can restyle another: every class in src/renderer/**/*.css has one owner', () => {
    const rules = readRules()
    expect(rules.length).toBeGreaterThan(100)
    expect(ownershipProblems(rules)).toEqual([])
  })
})
