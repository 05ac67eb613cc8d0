import { describe, expect, it } from 'vitest'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'

function entries(catalogue: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : entries(value as object, `${prefix}${key}.`),
  )
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()

describe('translations', () => {
  const english = new Map(entries(en))
  const russian = new Map(entries(ru))

  it('Russian has exactly the English keys, none empty', () => {
    expect([...russian.keys()].sort()).toEqual([...english.keys()].sort())
    for (const [key, text] of russian) expect(text.trim(), key).not.toBe('')
  })

  it('every translation keeps the placeholders of the English text', () => {
    for (const [key, text] of english) expect(placeholders(russian.get(key) ?? ''), key).toEqual(placeholders(text))
  })

  it('Russian is translated, not copied: only names and technical terms may read the same', () => {
    const words = [...english].filter(([, text]) => /[a-z]{4}/.test(text))
    const same = words.filter(([key, text]) => russian.get(key) === text).map(([key]) => key)
    expect(same.length / words.length).toBeLessThan(0.1)
    expect(same).toContain('app.name')
  })
})
