import { describe, expect, it } from 'vitest'
import { allCountries, countryGroups, knownCities } from '../../../src/renderer/src/features/connections/server-locations'
import { connectionListResponseSchema } from '../../../src/shared/iproxy'
import * as seed from '../iproxy/seed-examples'

const connections = connectionListResponseSchema.parse(seed.connectionList).connections
const at = (country: string, city: string) => ({ ...connections[0]!, basic_info: { ...connections[0]!.basic_info, server_geo: { country, city } } })

describe('server locations offered by the New connection dialog', () => {
  it('names every ISO country in the interface language, and no unions or placeholders', () => {
    const en = allCountries('en')
    expect(en.length).toBeGreaterThan(240)
    expect(en).toContainEqual({ code: 'us', name: 'United States' })
    expect(allCountries('ru')).toContainEqual({ code: 'de', name: 'Германия' })
    expect(en.map((c) => c.code)).not.toContain('eu')
    expect(en.map((c) => c.code)).not.toContain('zz')
  })

  it('puts the account’s countries first, most used first, and the others after', () => {
    const { used, others } = countryGroups([at('US', 'nyc'), at('de', 'ber'), at('us', 'mia')], 'en')
    expect(used).toEqual([
      { code: 'us', name: 'United States' },
      { code: 'de', name: 'Germany' },
    ])
    expect(others.map((c) => c.code)).not.toContain('us')
    expect(others.map((c) => c.code)).toContain('fr')
  })

  it('suggests the cities the connections use in a country, then the documented one', () => {
    const cities = knownCities([at('us', 'nyc'), at('us', 'mia'), at('us', 'mia'), at('pl', 'krk')])
    expect(cities.get('us')).toEqual(['mia', 'nyc'])
    expect(cities.get('pl')).toEqual(['krk', 'waw'])
    expect(knownCities(undefined).get('pl')).toEqual(['waw'])
    expect(cities.get('fr')).toBeUndefined()
  })
})
