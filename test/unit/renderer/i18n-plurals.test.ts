import { createInstance } from 'i18next'
import { describe, expect, it } from 'vitest'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'

// The real i18next with the app's catalogues: counts pick the plural form each language's rules ask for.
async function translator(lng: 'en' | 'ru') {
  const i18n = createInstance()
  await i18n.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng, interpolation: { escapeValue: false } })
  return (key: string, count: number) => i18n.t(key, { count, name: 'Phone', old: '1.1.1.1', new: '2.2.2.2', seconds: 9 })
}

describe('plurals', () => {
  it('English says "1 proxy" and "2 proxies", "1 check" and "5 checks"', async () => {
    const t = await translator('en')
    expect(t('exports.matching', 1)).toBe('1 proxy matches')
    expect(t('exports.matching', 2)).toBe('2 proxies match')
    expect(t('exports.exportTitle', 1)).toBe('Export 1 proxy')
    expect(t('connections.bulk.rebootTitle', 1)).toBe('Reboot 1 phone?')
    expect(t('health.rotate.changed', 1)).toBe('Phone: 1.1.1.1 → 2.2.2.2 in 9 s (1 check)')
    expect(t('health.rotate.changed', 5)).toBe('Phone: 1.1.1.1 → 2.2.2.2 in 9 s (5 checks)')
  })

  it('Russian uses one/few/many: 1 проверка, 2 проверки, 5 проверок, 21 проверка', async () => {
    const t = await translator('ru')
    const checks = (n: number) => /\((.*)\)$/.exec(t('health.rotate.changed', n))?.[1]
    expect([1, 2, 5, 21, 22, 11].map(checks)).toEqual(['1 проверка', '2 проверки', '5 проверок', '21 проверка', '22 проверки', '11 проверок'])
    expect(t('connections.bulk.rebootTitle', 1)).toBe('Перезагрузить 1 телефон?')
    expect(t('connections.bulk.rebootTitle', 3)).toBe('Перезагрузить 3 телефона?')
    expect(t('connections.bulk.rebootTitle', 7)).toBe('Перезагрузить 7 телефонов?')
    expect(t('exports.matching', 1)).toBe('Подходит 1 прокси')
    expect(t('exports.matching', 5)).toBe('Подходят 5 прокси')
  })
})
