import { describe, expect, it } from 'vitest'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'

function entries(catalogue: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : entries(value as object, `${prefix}${key}.`),
  )
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()

// i18next plural suffixes: a count string is one base key with the forms its language's plural rules use.
const PLURAL = /_(zero|one|two|few|many|other)$/
const FORMS = { en: ['one', 'other'], ru: ['one', 'few', 'many', 'other'] }
const baseKey = (key: string) => key.replace(PLURAL, '')
function pluralForms(keys: Iterable<string>): Map<string, string[]> {
  const forms = new Map<string, string[]>()
  for (const key of keys) {
    const form = PLURAL.exec(key)?.[1]
    if (form) forms.set(baseKey(key), [...(forms.get(baseKey(key)) ?? []), form].sort())
  }
  return forms
}

describe('translations', () => {
  const english = new Map(entries(en))
  const russian = new Map(entries(ru))

  it('Russian has exactly the English base keys, none empty', () => {
    const bases = (keys: Iterable<string>) => [...new Set([...keys].map(baseKey))].sort()
    expect(bases(russian.keys())).toEqual(bases(english.keys()))
    for (const [key, text] of russian) expect(text.trim(), key).not.toBe('')
  })

  it('every count string has all plural forms of its language, in both languages', () => {
    const englishPlurals = pluralForms(english.keys())
    const russianPlurals = pluralForms(russian.keys())
    expect([...russianPlurals.keys()].sort()).toEqual([...englishPlurals.keys()].sort())
    expect(englishPlurals.size).toBeGreaterThan(0)
    for (const [key, forms] of englishPlurals) expect(forms, key).toEqual([...FORMS.en].sort())
    for (const [key, forms] of russianPlurals) expect(forms, key).toEqual([...FORMS.ru].sort())
  })

  it('every translation keeps the placeholders of the English text', () => {
    const englishByBase = new Map([...english].map(([key, text]) => [baseKey(key), text]))
    for (const [key, text] of russian) expect(placeholders(text), key).toEqual(placeholders(englishByBase.get(baseKey(key)) ?? ''))
  })

  it('Russian is translated, not copied: only names and technical terms may read the same', () => {
    const words = [...english].filter(([, text]) => /[a-z]{4}/.test(text))
    const same = words.filter(([key, text]) => russian.get(key) === text).map(([key]) => key)
    expect(same.length / words.length).toBeLessThan(0.1)
    expect(same).toContain('app.name')
  })
})
