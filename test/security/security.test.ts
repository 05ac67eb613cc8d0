/**
 * The security gate (`npm test` stage "security gate"):
 * 1. Electronegativity over src/ and the built out/, through electronegativity.mjs (offline), judged by
 *    findings.mjs: no HIGH or MEDIUM finding without a reasoned `eng-disable` suppression.
 * 2. The gate's own rules, on made-up findings, so that it is known to fail when it should.
 * 3. Our own reading of the built app: the BrowserWindow options in the main bundle and the renderer's CSP, which
 *    Electronegativity cannot see through (the options come from a function; it rates the CSP LOW at most).
 * 4. The IPC contract: every call's input schema is strict (no unknown keys) and bounded (every string and list
 *    has a maximum), so the page cannot slip extra fields or megabytes into main (input-schemas.ts).
 * Needs the built app in out/ (`npm run build`, an earlier stage of `npm test`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { z } from 'zod'
import { afterAll, describe, expect, test } from 'vitest'
import { listCalls } from '../../src/shared/bridge'
import { securityGate } from './electronegativity.mjs'
import { checkFindings, findSuppressions, knownCheckIds, parseCsv, parseFindingsCsv, parseSuppression, traceToReviewedSource, type Finding } from './findings.mjs'
import { looseInputs } from './input-schemas'

const ROOT = join(__dirname, '../..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

describe('Electronegativity over src/ and out/', () => {
  test('no HIGH or MEDIUM finding is left unreviewed, and every suppression says why', async () => {
    const gate = await securityGate()
    for (const line of gate.lines) console.log(line)
    expect(gate.lines.filter((line) => /BLOCKING|UNJUSTIFIED|could not parse/.test(line))).toEqual([])
    expect(gate.ok).toBe(true)
    // The scans really ran over our code: the CSVs exist and name our files.
    expect(readFileSync(gate.src.csv, 'utf8').split('\n')[0]).toBe('issue, severity, confidence, filename, location, sample, description, url')
    expect(gate.src.checks).toBeGreaterThan(30)
    expect(gate.src.findings.some((f) => f.file.startsWith('src/main/'))).toBe(true)
    expect(gate.out.findings.some((f) => f.file.startsWith('out/'))).toBe(true)
  }, 120_000)
})

describe('the gate’s rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iproxy-security-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const finding = (over: Partial<Finding>): Finding => ({
    id: 'OPEN_EXTERNAL_JS_CHECK',
    severity: 'MEDIUM',
    confidence: 'TENTATIVE',
    file: 'a.ts',
    line: 2,
    column: 0,
    sample: 'shell.openExternal(url)',
    description: 'Review the use of openExternal',
    ...over,
  })

  test('reads Electronegativity’s CSV, quotes, commas and doubled quotes included', () => {
    expect(parseCsv('a,"b, ""c""",d\r\ne,f,g\n')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['e', 'f', 'g'],
    ])
    const [row] = parseFindingsCsv('issue, severity, confidence, filename, location, sample, description, url\nX,"HIGH","FIRM","src/a.ts","12:4","x()","d",u\n')
    expect(row).toMatchObject({ id: 'X', severity: 'HIGH', file: 'src/a.ts', line: 12, column: 4 })
  })

  test('HIGH and MEDIUM block unless the line or the one above suppresses that check with a reason', () => {
    writeFileSync(
      join(dir, 'a.ts'),
      [
        '/* eng-disable OPEN_EXTERNAL_JS_CHECK -- only allow-listed https links reach this */',
        'shell.openExternal(url)',
        '// eng-disable OPEN_EXTERNAL_JS_CHECK',
        'shell.openExternal(other)',
        '/* eng-disable SANDBOX_JS_CHECK -- a different check, with a reason given */',
        'shell.openExternal(third)',
      ].join('\n'),
    )
    const verdict = checkFindings(
      [finding({ line: 2 }), finding({ line: 4 }), finding({ line: 6 }), finding({ line: 6, severity: 'HIGH' }), finding({ line: 9, severity: 'LOW' })],
      { root: dir },
    )
    expect(verdict.suppressed.map((f) => f.line)).toEqual([2])
    expect(verdict.blocking.map((f) => `${f.line} ${f.severity}`)).toEqual(['4 MEDIUM', '6 MEDIUM', '6 HIGH'])
    expect(verdict.informational.map((f) => f.line)).toEqual([9])
  })

  test('a suppression needs known check ids and a reason of three words or more', () => {
    expect(knownCheckIds().has('CONTEXT_ISOLATION_JS_CHECK')).toBe(true)
    expect(parseSuppression('/* eng-disable SANDBOX_JS_CHECK -- the options set sandbox true */')).toMatchObject({ ids: ['SANDBOX_JS_CHECK'], justified: true })
    expect(parseSuppression('{/* eng-disable A_JS_CHECK -- some good reason here */}')).toMatchObject({ unknown: ['A_JS_CHECK'], justified: false })
    expect(parseSuppression('// eng-disable SANDBOX_JS_CHECK')?.justified).toBe(false)
    expect(parseSuppression('// eng-disable SANDBOX_JS_CHECK -- trust me')?.justified).toBe(false)
    expect(parseSuppression('<!-- eng-disable CSP_HTML_CHECK: the policy is set in main, not here -->')).toMatchObject({ ids: ['CSP_HTML_CHECK'], justified: true })
    writeFileSync(join(dir, 'b.tsx'), '  {/* eng-disable OPEN_EXTERNAL_JS_CHECK */}\n')
    expect(findSuppressions(dir).map((s) => [s.line, s.justified])).toEqual([
      [1, true],
      [3, false],
      [5, true],
      [1, false],
    ])
  })

  test('a finding in the built output passes only when it traces back to a reviewed source line', () => {
    const reviewed = [
      finding({ file: 'src/main/window.ts', sample: 'if (isAllowedExternalUrl(url)) void shell.openExternal(url)' }),
      finding({ file: 'src/renderer/src/x.tsx', sample: '<button onClick={() => void getApi().app.openExternal({ url })}>' }),
    ]
    const out = [
      finding({ file: 'out/main/index.js', sample: 'if (isAllowedExternalUrl(url)) electron.shell.openExternal(url);' }),
      finding({ file: 'out/main/index.js', sample: 'electron.shell.openExternal(somethingElse);' }),
      finding({ file: 'out/renderer/assets/index.js', sample: `${'x'.repeat(500)}openExternal` }),
      finding({ file: 'out/renderer/assets/index.js', sample: `${'y'.repeat(500)}openExternal` }),
      finding({ id: 'SANDBOX_JS_CHECK', file: 'out/main/index.js', sample: 'new BrowserWindow(o)' }),
    ]
    const { traced, blocking } = traceToReviewedSource(out, reviewed)
    expect(traced.map((t) => t.source.file)).toEqual(['src/main/window.ts', 'src/renderer/src/x.tsx'])
    // One reviewed site covers one finding: the second minified one, the unknown call and the other check block.
    expect(blocking.map((f) => f.sample.slice(0, 30))).toEqual(['electron.shell.openExternal(so', 'y'.repeat(30), 'new BrowserWindow(o)'])
  })
})

/** A static value of an expression in the bundle: literals and object literals; anything else as its source text. */
type Value = boolean | number | string | null | { [key: string]: Value } | { expression: string }
function valueOf(node: ts.Expression, file: ts.SourceFile): Value {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false
  if (node.kind === ts.SyntaxKind.NullKeyword) return null
  if (ts.isNumericLiteral(node)) return Number(node.text)
  if (ts.isStringLiteralLike(node)) return node.text
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, Value> = {}
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) out[property.name.getText(file).replace(/^["']|["']$/g, '')] = valueOf(property.initializer, file)
      else out[property.getText(file)] = { expression: property.getText(file) }
    }
    return out
  }
  return { expression: node.getText(file) }
}

function parseBundle(path: string): ts.SourceFile {
  return ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node)
  node.forEachChild((child) => visit(child, each))
}

/** The options object of every `new BrowserWindow(...)`: inline, or returned by a function declared in the bundle. */
function browserWindowOptions(file: ts.SourceFile): Value[] {
  const functions = new Map<string, ts.FunctionDeclaration>()
  const constructions: ts.NewExpression[] = []
  visit(file, (node) => {
    if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node)
    if (ts.isNewExpression(node) && /(^|\.)BrowserWindow$/.test(node.expression.getText(file))) constructions.push(node)
  })
  return constructions.map((construction) => {
    const argument = construction.arguments?.[0]
    if (argument && ts.isObjectLiteralExpression(argument)) return valueOf(argument, file)
    if (argument && ts.isCallExpression(argument) && ts.isIdentifier(argument.expression)) {
      const declaration = functions.get(argument.expression.text)
      const returned = declaration?.body?.statements.find(ts.isReturnStatement)?.expression
      if (returned && ts.isObjectLiteralExpression(returned)) return valueOf(returned, file)
    }
    throw new Error(`cannot read the options of ${construction.getText(file)} statically`)
  })
}

describe('the built main bundle (out/main/index.js)', () => {
  const main = parseBundle('out/main/index.js')

  test('every BrowserWindow is isolated, sandboxed, without Node, with web security and no risky features', () => {
    const windows = browserWindowOptions(main)
    expect(windows).toHaveLength(1)
    for (const options of windows as Record<string, Value>[]) {
      expect(options.webPreferences).toMatchObject({
        preload: expect.objectContaining({ expression: expect.any(String) }),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      })
      const prefs = options.webPreferences as Record<string, Value>
      for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'disableBlinkFeatures', 'partition', 'enableRemoteModule']) expect(prefs).not.toHaveProperty(risky)
    }
  })

  test('no object in the main or preload bundle turns a protection off', () => {
    const risky: Record<string, Value> = {
      contextIsolation: false,
      sandbox: false,
      nodeIntegration: true,
      nodeIntegrationInWorker: true,
      nodeIntegrationInSubFrames: true,
      webSecurity: false,
      allowRunningInsecureContent: true,
      experimentalFeatures: true,
      webviewTag: true,
    }
    const found: string[] = []
    for (const path of ['out/main/index.js', 'out/preload/index.js']) {
      const file = parseBundle(path)
      visit(file, (node) => {
        if (!ts.isPropertyAssignment(node)) return
        const name = node.name.getText(file).replace(/^["']|["']$/g, '')
        if (name in risky && valueOf(node.initializer, file) === risky[name]) found.push(`${path}: ${node.getText(file)}`)
      })
    }
    expect(found).toEqual([])
  })

  test('windows are locked down: new windows denied, navigation guarded, permissions refused', () => {
    const calls = new Set<string>()
    const events = new Set<string>()
    visit(main, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return
      calls.add(node.expression.name.text)
      const first = node.arguments[0]
      if (node.expression.name.text === 'on' && first && ts.isStringLiteralLike(first)) events.add(first.text)
    })
    for (const call of ['setWindowOpenHandler', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'requestSingleInstanceLock']) expect(calls).toContain(call)
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview', 'web-contents-created']) expect(events).toContain(event)
    expect(main.getFullText()).toMatch(/action:\s*["']deny["']/)
  })
})

/** True when `node` is read only where the app is not packaged: `x.isPackaged ? … : node`, or `if (!x.isPackaged) node`. */
function onlyWhenUnpackaged(node: ts.Node, file: ts.SourceFile): boolean {
  const packaged = (condition: ts.Expression) => /(^|\.)isPackaged$/.test(condition.getText(file).trim())
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && packaged(parent.condition) && child === parent.whenFalse) return true
    if (ts.isIfStatement(parent) && child === parent.thenStatement && ts.isPrefixUnaryExpression(parent.expression) &&
      parent.expression.operator === ts.SyntaxKind.ExclamationToken && packaged(parent.expression.operand)) return true
  }
  return false
}

describe('the page the built app loads', () => {
  const main = parseBundle('out/main/index.js')

  test('ELECTRON_RENDERER_URL is read only when the app is not packaged', () => {
    const reads: ts.Node[] = []
    visit(main, (node) => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'ELECTRON_RENDERER_URL') reads.push(node)
      if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'ELECTRON_RENDERER_URL') reads.push(node)
    })
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.filter((node) => !onlyWhenUnpackaged(node, main)).map((node) => node.parent.getText(main))).toEqual([])
    // No other way in: the name appears in no other identifier or string of the bundle (comments aside).
    let mentions = 0
    visit(main, (node) => {
      if ((ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && node.text.includes('ELECTRON_RENDERER_URL')) mentions += 1
    })
    expect(mentions).toBe(reads.length)
  })
})

describe('the app:// scheme (not file://)', () => {
  const main = parseBundle('out/main/index.js')

  test('app:// is registered as a standard, secure scheme and served by a handler', () => {
    const registered: Value[] = []
    const handled: string[] = []
    visit(main, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return
      const [first] = node.arguments
      if (node.expression.name.text === 'registerSchemesAsPrivileged' && first && ts.isArrayLiteralExpression(first)) {
        for (const element of first.elements) registered.push(valueOf(element, main))
      }
      if (node.expression.name.text === 'handle' && /protocol$/.test(node.expression.expression.getText(main)) && first) handled.push(first.getText(main))
    })
    expect(registered).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    expect(handled).toEqual(['"app"'])
    // The built page lives on it.
    const pages: string[] = []
    visit(main, (node) => {
      if (ts.isStringLiteralLike(node) && /^app:\/\//.test(node.text)) pages.push(node.text)
    })
    expect(pages).toEqual(['app://iproxy-desktop/index.html'])
  })

  test('no window loads a file:// page', () => {
    const loads: string[] = []
    visit(main, (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'loadFile') loads.push(node.getText(main))
      if (ts.isStringLiteralLike(node) && /^file:/.test(node.text)) loads.push(node.getText(main))
    })
    expect(loads).toEqual([])
    // The renderer's index.html is never turned into a file:// URL for a window.
    expect(main.getFullText()).not.toMatch(/pathToFileURL\([^)]*renderer\/index\.html/)
  })
})

describe('the built renderer page (out/renderer/index.html)', () => {
  const html = read('out/renderer/index.html')
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
  const csp = new Map(
    (meta?.[1] ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  )

  test('has a Content-Security-Policy that allows only the app itself', () => {
    expect(meta).not.toBeNull()
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      // The renderer never touches the network: every request goes through main.
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'object-src': ["'none'"],
    })
    const all = [...csp.values()].flat()
    for (const weak of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'ws:', 'blob:']) expect(all).not.toContain(weak)
  })

  test('loads nothing inline or remote: scripts and styles are the bundle’s own files', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(body!.trim()).toBe('')
      expect(attributes).toMatch(/\ssrc="\.\/assets\/[^"]+\.js"/)
    }
    expect(html).not.toMatch(/<style\b/i)
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
    const references = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(references.filter((url) => !url.startsWith('./assets/'))).toEqual([])
  })
})

describe('the IPC contract’s inputs', () => {
  test('every call’s input is strict and bounded: no unknown keys, no string or list without a maximum', () => {
    const calls = listCalls()
    expect(calls.length).toBeGreaterThan(50)
    expect(calls.flatMap(([name, spec]) => looseInputs(spec.input).map((where) => `${name} ${where}`))).toEqual([])
  })

  test('the check finds what it should: loose and stripping objects, unbounded strings and lists, deep inside', () => {
    const body = z.strictObject({ ok: z.string().max(5), list: z.array(z.strictObject({ deep: z.string() })).max(3) })
    expect(looseInputs(body)).toEqual(['(input).list[].deep: a string with no maximum length'])
    expect(looseInputs(z.object({ a: z.literal('x') }))).toEqual(['(input): an object that drops unknown keys (use z.strictObject)'])
    expect(looseInputs(z.looseObject({ a: z.enum(['x']) }).optional())).toEqual(['(input): an object that accepts unknown keys (use z.strictObject)'])
    expect(looseInputs(z.union([z.strictObject({ n: z.number() }), z.array(z.boolean())]))).toEqual(['(input)<1>: a list with no maximum length'])
    expect(looseInputs(z.strictObject({ r: z.record(z.string(), z.string()) }))).toEqual(['(input).r: a record schema the gate cannot see the bounds of'])
  })
})
