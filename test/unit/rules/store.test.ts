/**
 * rules.json in a real temp data folder (main/rules/store.ts) and `--rules FILE` (readRulesFile): no file is no
 * rules; a bad file is an error naming the bad field as a person reads JSON (`rules[0].when.minutes`), while the
 * watch keeps the last good rules; saving checks everything (the filters too) before a byte is written.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRulesStore, readRulesFile, RULES_FILE } from '../../../src/main/rules/store'
import { RulesFileError } from '../../../src/main/rules/validate'
import { EXAMPLE_RULE, type Rule, type RulesFile } from '../../../src/shared/rules'

let dir: string
const logged: string[] = []
const log = (line: string) => void logged.push(line)
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iproxy-rules-'))
  logged.length = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const on: Rule = { ...EXAMPLE_RULE, enabled: true }
/** Writes the file by hand, with a distinct mtime so the store sees a change. */
let bump = 0
function handWrite(value: unknown): void {
  const path = join(dir, RULES_FILE)
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value))
  const t = new Date(Date.now() + ++bump * 2000)
  utimesSync(path, t, t)
}

async function refusal(run: () => Promise<unknown>): Promise<RulesFileError> {
  try {
    await run()
  } catch (err) {
    expect(err).toBeInstanceOf(RulesFileError)
    return err as RulesFileError
  }
  throw new Error('expected a RulesFileError')
}

describe('rules.json in the data folder', () => {
  it('has no rules until one is saved; a saved file reads back the same', async () => {
    const store = createRulesStore({ dataDir: dir, log })
    expect(await store.read()).toEqual({ rules: [] })
    const changes: RulesFile[] = []
    store.onChange((f) => changes.push(f))
    const saved = await store.save({ rules: [on] })
    expect(saved).toEqual({ rules: [on] })
    expect(JSON.parse(readFileSync(join(dir, RULES_FILE), 'utf8'))).toEqual({ rules: [on] })
    expect(await createRulesStore({ dataDir: dir, log }).read()).toEqual({ rules: [on] })
    expect(changes).toEqual([{ rules: [on] }])
    // Reading what was just saved announces nothing new.
    await store.current()
    expect(changes).toHaveLength(1)
  })

  it('a hand-edited bad file names the bad field; the watch keeps the last good rules', async () => {
    const store = createRulesStore({ dataDir: dir, log })
    await store.save({ rules: [on] })
    handWrite({ rules: [{ ...on, when: { event: 'offline', minutes: 0 } }] })
    const err = await refusal(() => store.read())
    expect(err.message).toBe(`${join(dir, RULES_FILE)}: rules[0].when.minutes: must be at least 1`)
    expect(err.field).toBe('rules[0].when.minutes')
    expect(err.toBridgeError()).toMatchObject({ code: 'validation', details: { field: 'rules[0].when.minutes' } })
    expect(await store.current()).toEqual({ rules: [on] })
    expect(logged.join('\n')).toContain('the last good rules stay in use')
    // Fixed by hand: read again.
    const fixed = { ...on, id: 'fixed', when: { event: 'offline', minutes: 9 } }
    handWrite({ rules: [fixed] })
    expect(await store.current()).toEqual({ rules: [fixed] })
  })

  it('names each kind of mistake in words', async () => {
    const store = createRulesStore({ dataDir: dir, log })
    const cases: Array<[unknown, string]> = [
      [{ rules: [{ ...on, when: { event: 'offlin', minutes: 5 } }] }, 'rules[0].when.event: must be one of offline, check_failed, ip_repeated, ip_not_changed'],
      [{ rules: [{ ...on, colour: 'red' }] }, 'rules[0].colour: is not a field here'],
      [{ rules: [{ ...on, do: [{ kind: 'command', command: 'toggle_proxy' }] }] }, 'rules[0].do[0].command: must be one of refresh_fingerprint, refresh, reboot'],
      [{ rules: [{ ...on, limits: { stopOnSuccess: true } }] }, 'rules[0].limits.maxRunsPerHour: is missing (it must be a number)'],
      [{ rules: [{ ...on, when: { event: 'offline', minutes: 2.5 } }] }, 'rules[0].when.minutes: must be a whole number'],
      [{ rules: [{ ...on, scope: { filter: 'nmae~moscow' } }] }, 'rules[0].scope.filter: "nmae" is not a filter key'],
      [{ rules: [on, on] }, 'rules: every rule needs its own id'],
      ['{"rules": [', '(the file): is not JSON'],
    ]
    for (const [value, expected] of cases) {
      handWrite(value)
      expect((await refusal(() => store.read())).message).toContain(`rules.json: ${expected}`)
    }
  })

  it('saving refuses a bad filter before anything is written', async () => {
    const store = createRulesStore({ dataDir: dir, log })
    await store.save({ rules: [on] })
    const err = await refusal(() => store.save({ rules: [{ ...on, scope: { filter: 'status' } }] }))
    expect(err.field).toBe('rules[0].scope.filter')
    expect(JSON.parse(readFileSync(join(dir, RULES_FILE), 'utf8'))).toEqual({ rules: [on] })
  })
})

describe('--rules FILE', () => {
  it('reads a good file, and names the file and the field of a bad one', async () => {
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify({ rules: [on] }))
    expect(await readRulesFile(good)).toEqual({ rules: [on] })
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ rules: [{ ...on, limits: { maxRunsPerHour: 0, stopOnSuccess: true } }] }))
    expect((await refusal(() => readRulesFile(bad))).message).toBe(`${bad}: rules[0].limits.maxRunsPerHour: must be at least 1`)
    await expect(readRulesFile(join(dir, 'missing.json'))).rejects.toThrow(`${join(dir, 'missing.json')}: no such file.`)
  })
})
