/**
 * The JSON proxy-list reader against V8's own JSON.parse: on generated files (rows written alike, so the learned
 * template reads them, and odd rows between them, which it does not) it must give every element's values and line,
 * and on generated and mutated texts it must accept exactly what JSON.parse accepts.
 */
import { describe, expect, it } from 'vitest'
import { JSON_END, JSON_ERROR, JSON_OBJECT, JSON_OTHER, JSON_STRING, JsonArrayReader } from '../../../src/shared/proxy-list-json'
import { ROW_FIELDS } from '../../../src/shared/proxy-line-parser'
import { parseProxyLines } from '../../../src/shared/proxy-lines-parser'

/** A small seeded generator: the same cases on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** How a field's value reads as text: what the reader's `values` must hold for a JSON.parse'd value. */
function fieldText(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v)
}

interface Layout {
  indent: string
  lineEnd: string
  colon: string
}

/** A file's text, and where each element starts, written with the layout's own blanks. */
function write(elements: unknown[], layout: Layout, keyOrder: (o: Record<string, unknown>) => string[]): { text: string; starts: number[] } {
  const starts: number[] = []
  const value = (v: unknown, depth: number): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v)
    const pad = layout.lineEnd + layout.indent.repeat(depth + 1)
    const end = layout.lineEnd + layout.indent.repeat(depth)
    if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map((x) => pad + value(x, depth + 1)).join(',')}${end}]`
    const o = v as Record<string, unknown>
    const keys = keyOrder(o)
    return keys.length === 0 ? '{}' : `{${keys.map((k) => `${pad}${JSON.stringify(k)}${layout.colon}${value(o[k], depth + 1)}`).join(',')}${end}}`
  }
  let text = '['
  elements.forEach((element, k) => {
    text += (k === 0 ? '' : ',') + layout.lineEnd + layout.indent
    starts.push(text.length)
    text += value(element, 1)
  })
  return { text: `${text}${layout.lineEnd}]${layout.lineEnd}`, starts }
}

function generator(seed: number) {
  const rnd = random(seed)
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const pieces = ['a', 'Z', '9', ' ', '.', ':', '@', '"', '\\', '/', '\n', '\t', '\u0001', '\u007f', 'é', '✓', '😀', '\ud800', '{', ']', ',']
  const string = (): string => Array.from({ length: Math.floor(rnd() * 8) }, () => pick(pieces)).join('')
  const scalar = (): unknown => pick([string, string, string, () => Math.floor(rnd() * 70000), () => -rnd() * 1e3, () => 1e21, () => 0.5e-7, () => true, () => false, () => null])()
  const nested = (depth: number): unknown =>
    depth > 2 || rnd() < 0.5 ? scalar() : rnd() < 0.5 ? Array.from({ length: Math.floor(rnd() * 3) }, () => nested(depth + 1)) : { k: nested(depth + 1), [string()]: nested(depth + 1) }
  const keys = [...ROW_FIELDS, 'extra', 'note', 'hostname ']
  return { rnd, pick, string, scalar, nested, keys }
}

/** Reads a whole text: every element's kind, values or string, line and text; or the error. */
function readAll(text: string) {
  const reader = new JsonArrayReader(text)
  const elements: Array<{ kind: number; values?: Array<string | undefined>; string?: string; line: number; text: string }> = []
  for (let kind = reader.next(); kind !== JSON_END; kind = reader.next()) {
    if (kind === JSON_ERROR) return { elements, error: reader.error, errorLine: reader.lineNumber }
    const element = { kind, line: reader.lineNumber, text: text.slice(reader.start, reader.end) }
    if (kind === JSON_OBJECT) elements.push({ ...element, values: [...reader.values] })
    else if (kind === JSON_STRING) elements.push({ ...element, string: reader.string })
    else elements.push(element)
  }
  return { elements }
}

/** What the reader must give for an array JSON.parse read. */
function expected(items: unknown[]) {
  return items.map((item) => {
    if (typeof item === 'string') return { kind: JSON_STRING, string: item }
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const o = item as Record<string, unknown>
      return { kind: JSON_OBJECT, values: ROW_FIELDS.map((f) => fieldText(Object.hasOwn(o, f) ? o[f] : undefined)) }
    }
    return { kind: JSON_OTHER }
  })
}

describe('JsonArrayReader: the same values as JSON.parse', () => {
  const layouts: Layout[] = [
    { indent: '  ', lineEnd: '\n', colon: ': ' },
    { indent: '', lineEnd: '', colon: ':' },
    { indent: '\t', lineEnd: '\r\n', colon: ' : ' },
    { indent: '    ', lineEnd: '\n', colon: ':\n ' },
  ]

  it('files of rows written alike, with odd rows, escapes, non-strings and nested values among them', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const g = generator(seed)
      const layout = layouts[seed % layouts.length] as Layout
      // Most rows have one file-wide order of fields (what the template learns); some do not.
      const order = [...g.keys].sort(() => g.rnd() - 0.5).slice(0, 4 + Math.floor(g.rnd() * 10))
      const elements = Array.from({ length: 60 }, (): unknown => {
        const r = g.rnd()
        if (r < 0.75) return Object.fromEntries(order.map((k) => [k, g.rnd() < 0.85 ? g.string() : g.scalar()]))
        if (r < 0.85) return Object.fromEntries(Array.from({ length: Math.floor(g.rnd() * 6) }, () => [g.pick(g.keys), g.nested(0)]))
        if (r < 0.95) return g.string()
        return g.nested(1)
      })
      const alike = (o: Record<string, unknown>): boolean => Object.keys(o).length === order.length && order.every((k) => Object.hasOwn(o, k))
      const { text, starts } = write(elements, layout, (o) => (alike(o) && g.rnd() < 0.9 ? order : Object.keys(o)))
      const read = readAll(text)
      expect(read.error).toBeUndefined()
      expect(read.elements.map(({ kind, values, string }) => (kind === JSON_OBJECT ? { kind, values } : kind === JSON_STRING ? { kind, string } : { kind }))).toEqual(
        expected(JSON.parse(text) as unknown[]),
      )
      // Each element's line, and its text, which is the element itself.
      expect(read.elements.map((e) => e.line)).toEqual(starts.map((s) => text.slice(0, s).split('\n').length))
      read.elements.forEach((e, k) => expect(JSON.parse(e.text)).toEqual(elements[k]))
    }
  })

  it('rows of two shapes in turn: each row that does not fit the template is refused by it at once', () => {
    // 24 string values per row: were two alternatives of the template able to match one value, a row that does not
    // fit could be tried 2^24 ways before the reader read it character by character, and this test would not end.
    const row = (i: number, extra: boolean): string =>
      `{${Array.from({ length: 24 }, (_, k) => `"${ROW_FIELDS[k % ROW_FIELDS.length] as string}": "v${i}.${k}"`).join(', ')}${extra ? ', "x": 1' : ''}}`
    const text = `[\n${Array.from({ length: 200 }, (_, i) => row(i, i % 2 === 1)).join(',\n')}\n]`
    const read = readAll(text)
    expect(read.error).toBeUndefined()
    expect(read.elements.map((e) => [e.line, e.values?.[0]])).toEqual(Array.from({ length: 200 }, (_, i) => [i + 2, `v${i}.13`]))
  })

  it('values nested deeper than JSON.stringify goes are read, not thrown on', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(() => JSON.stringify(JSON.parse(deep))).toThrow(RangeError)
    const { proxies, rejected } = parseProxyLines(`[\n{"hostname": "h.example", "port": 80, "description": ${deep}},\n${deep},\n{"x": ${deep}}\n]`)
    expect(proxies.map((p) => [p.lineNumber, p.host, p.description?.length])).toEqual([[2, 'h.example', deep.length]])
    expect(rejected.map((r) => [r.lineNumber, r.reason, r.line.length])).toEqual([
      [3, 'bad_json', deep.length],
      [4, 'bad_host', deep.length + 7],
    ])
  })

  it('a repeated property counts once, its last value; names with escapes are the names they stand for', () => {
    const text = '[\n{"port": 1, "hostname": "a", "port": 2, "host\\u006eame": "b\\u00e9"},\n{"port": 1, "hostname": "a", "port": 2, "host\\u006eame": "c"}\n]'
    const read = readAll(text)
    expect(read.elements.map((e) => [e.line, e.values?.[0], e.values?.[3]])).toEqual([
      [2, 'bé', '2'],
      [3, 'c', '2'],
    ])
  })
})

describe('JsonArrayReader: refuses what JSON.parse refuses', () => {
  const row = '{"hostname": "h.example", "port": 80}'
  const rows = Array.from({ length: 3 }, () => row).join(',\n  ')
  const bad = [
    '', '[', '[1,]', '[,1]', '[1 2]', `[${row},]`, '[{"port": 1,}]', '[{"port" 1}]', '[{"port":}]', '[{port: 1}]', "[{'port': 1}]",
    '[01]', '[1.]', '[.5]', '[+1]', '[-]', '[1e]', '[NaN]', '[Infinity]', '[undefined]', '[tru]', '[nul]', '["a\\x"]', '["\\u12"]',
    '["a\tb"]', '["a\nb"]', '["never closed]', '[] x', '[]]', '[1] // comment', '[{"a": [1, 2}]', '[{"a": {"b": 1]}]',
    // The same faults in a row that follows rows the template reads.
    `[\n  ${rows},\n  {"hostname": "h\tx", "port": 80}\n]`,
    `[\n  ${rows},\n  {"hostname": "h.example", "port": 080}\n]`,
    `[\n  ${rows},\n  {"hostname": "h.example", "port": 80,}\n]`,
    `[\n  ${rows},\n  {"hostname": "h.example", "port": 80}\n`,
  ]
  for (const text of bad) {
    it(JSON.stringify(text).slice(0, 60), () => {
      expect(() => JSON.parse(text)).toThrow()
      const read = readAll(text)
      expect(read.error).toMatch(/^Not valid JSON at line \d+, column \d+: .+\.$/)
    })
  }

  it('says where: the line and column of the fault', () => {
    const read = readAll(`[\n  ${rows},\n  {"hostname": "h.example" "port": 80}\n]`)
    expect([read.errorLine, read.error]).toEqual([5, 'Not valid JSON at line 5, column 28: expected "," or "}" after a value.'])
    // A list is an array: an object alone (valid JSON) is not one.
    expect(readAll('{"hostname": "h.example", "port": 80}').error).toBe('Not valid JSON at line 1, column 1: expected "[".')
    expect(readAll('[\n  {"a": 1}\n').error).toBe('Not valid JSON at line 3, column 1: the text ends too early (expected "," or "]" after an element).')
  })

  it('accepts exactly what JSON.parse accepts, on thousands of mutated texts', () => {
    const g = generator(7)
    const marks = ['"', '\\', ',', ':', '[', ']', '{', '}', ' ', '\n', '0', '-', '.', 'e', 'u', 'n', 'a', '\t']
    let accepted = 0
    for (let n = 0; n < 3000; n++) {
      const elements = Array.from({ length: 3 }, () => (g.rnd() < 0.7 ? { hostname: g.string(), port: g.scalar(), extra: g.nested(0) } : g.nested(0)))
      let { text } = write(elements, { indent: '  ', lineEnd: '\n', colon: ': ' }, (o) => Object.keys(o))
      for (let m = 1 + Math.floor(g.rnd() * 2); m > 0; m--) {
        const at = Math.floor(g.rnd() * text.length)
        const r = g.rnd()
        text = r < 0.4 ? text.slice(0, at) + text.slice(at + 1) : r < 0.8 ? text.slice(0, at) + g.pick(marks) + text.slice(at) : text.slice(0, at) + g.pick(marks) + text.slice(at + 1)
      }
      let items: unknown
      try {
        items = JSON.parse(text)
      } catch {
        items = undefined
      }
      const read = readAll(text)
      if (!Array.isArray(items)) {
        expect(read.error, text).toBeDefined()
        continue
      }
      accepted++
      expect(read.error, text).toBeUndefined()
      expect(read.elements.map(({ kind, values, string }) => (kind === JSON_OBJECT ? { kind, values } : kind === JSON_STRING ? { kind, string } : { kind }))).toEqual(expected(items))
    }
    // Both kinds of text were tried.
    expect(accepted).toBeGreaterThan(300)
    expect(accepted).toBeLessThan(2700)
  })
})
