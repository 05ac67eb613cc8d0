/**
 * One term per concept (issue 18 point 7): GLOSSARY.md's table names, for each concept, the variants neither
 * catalogue may use; a string that uses one fails here with its key. The table is read from the file itself, so
 * the glossary people read and the rule the test keeps are one.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'

interface Term {
  english: string
  russian: string
  notRussian: string[]
  notEnglish: string[]
}

function glossary(): Term[] {
  const text = readFileSync(resolve(__dirname, '../../../GLOSSARY.md'), 'utf8')
  const list = (cell: string) => cell.split(';').map((v) => v.trim()).filter(Boolean)
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('|---') && !line.startsWith('| English |'))
    .map((line) => {
      const [english = '', russian = '', notRussian = '', notEnglish = ''] = line.split('|').slice(1, -1).map((c) => c.trim())
      return { english, russian, notRussian: list(notRussian), notEnglish: list(notEnglish) }
    })
}

/** Strings that quote the iProxy API documentation word for word (shared/iproxy/connections.ts), not our wording. */
const QUOTED = ['connectionDetail.settings.help.']

function entries(catalogue: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    QUOTED.some((quoted) => `${prefix}${key}`.startsWith(quoted)) ? [] :
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : entries(value as object, `${prefix}${key}.`),
  )
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The variant as a whole word, allowing an ending of up to two letters (план, планы, плана; extend, extends). */
function variantPattern(variant: string): RegExp {
  return new RegExp(`(?<![\\p{L}-])${escape(variant)}\\p{L}{0,2}(?![\\p{L}-])`, 'iu')
}

/** Each `key: "text"` whose text uses a variant the glossary rules out, with the term it should use. */
function offences(catalogue: object, pick: (term: Term) => string[], preferred: (term: Term) => string): string[] {
  const found: string[] = []
  for (const term of glossary()) {
    for (const variant of pick(term)) {
      const pattern = variantPattern(variant)
      for (const [key, text] of entries(catalogue)) {
        if (pattern.test(text)) found.push(`${key}: "${text}" uses "${variant}", the glossary says "${preferred(term)}"`)
      }
    }
  }
  return found
}

describe('glossary', () => {
  it('GLOSSARY.md names the concepts the interface talks about, each with variants to avoid', () => {
    const terms = glossary()
    for (const concept of ['connection', 'proxy', 'action link', 'exit IP', 'change IP', 'check', 'plan', 'prolong', 'profile', 'API key']) {
      expect(terms.some((t) => t.english.startsWith(concept)), concept).toBe(true)
    }
    for (const term of terms) expect(term.russian, term.english).not.toBe('')
    expect(terms.flatMap((t) => t.notRussian)).toContain('ссылки действий')
  })

  it('the matcher finds a variant with its ending and only as a word', () => {
    expect(variantPattern('план').test('Сменить план')).toBe(true)
    expect(variantPattern('план').test('нет плана')).toBe(true)
    expect(variantPattern('план').test('планировщик')).toBe(false)
    expect(variantPattern('ссылки действий').test('Ссылки действий')).toBe(true)
    expect(variantPattern('extend').test('is extended by')).toBe(true)
  })

  it('the Russian catalogue uses no ruled-out variant', () => {
    expect(offences(ru, (t) => t.notRussian, (t) => t.russian)).toEqual([])
  })

  it('the English catalogue uses no ruled-out variant', () => {
    expect(offences(en, (t) => t.notEnglish, (t) => t.english)).toEqual([])
  })
})
