/**
 * What the New connection dialog offers for a server location. The API has no endpoint that lists its server
 * locations, so the dialog offers (1) the country and city codes the account's connections already use, and (2)
 * the documented ones: the API docs' own example (pl / waw), and every ISO 3166-1 country, named in the interface's
 * language by Intl.DisplayNames (no list of names kept here). City codes stay free text, suggested from (1) and (2).
 */
import type { Connection } from '../../../../shared/iproxy'

/** The locations the API documentation shows (seeds/000_…: create and get connection). */
export const DOCUMENTED_LOCATIONS: ReadonlyArray<{ country: string; city: string }> = [{ country: 'pl', city: 'waw' }]

/** Codes Intl names that are not countries (unions, "Unknown Region") or are reserved exceptions, not places to pick. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'XA', 'XB'])

export interface CountryChoice {
  /** Lower case, as the API takes it. */
  code: string
  name: string
}

const cache = new Map<string, CountryChoice[]>()

/** Every ISO 3166-1 alpha-2 country Intl can name in `language`, sorted by name in that language. */
export function allCountries(language: string): CountryChoice[] {
  const cached = cache.get(language)
  if (cached) return cached
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' })
  const out: CountryChoice[] = []
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b)
      if (NOT_COUNTRIES.has(code)) continue
      let name: string | undefined
      try {
        name = names.of(code)
      } catch {
        name = undefined
      }
      if (name && name !== code) out.push({ code: code.toLowerCase(), name })
    }
  }
  const collator = new Intl.Collator(language)
  out.sort((x, y) => collator.compare(x.name, y.name))
  cache.set(language, out)
  return out
}

/** Country code → the city codes known for it: the connections' (most used first), then the documented ones. */
export function knownCities(connections: readonly Connection[] | undefined): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>()
  const add = (country: string, city: string, n: number) => {
    const c = country.trim().toLowerCase()
    const town = city.trim().toLowerCase()
    if (!/^[a-z]{2}$/.test(c) || town === '') return
    const cities = counts.get(c) ?? new Map<string, number>()
    cities.set(town, (cities.get(town) ?? 0) + n)
    counts.set(c, cities)
  }
  for (const conn of connections ?? []) {
    const geo = conn.basic_info.server_geo
    if (geo) add(geo.country, geo.city, 1)
  }
  for (const doc of DOCUMENTED_LOCATIONS) add(doc.country, doc.city, 0)
  const out = new Map<string, string[]>()
  for (const [country, cities] of counts) out.set(country, [...cities].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([city]) => city))
  return out
}

/** The countries the account's connections use (most connections first), then every other country. */
export function countryGroups(connections: readonly Connection[] | undefined, language: string): { used: CountryChoice[]; others: CountryChoice[] } {
  const all = allCountries(language)
  const usage = new Map<string, number>()
  for (const conn of connections ?? []) {
    const code = conn.basic_info.server_geo?.country.trim().toLowerCase()
    if (code) usage.set(code, (usage.get(code) ?? 0) + 1)
  }
  const byCode = new Map(all.map((c) => [c.code, c]))
  const used = [...usage]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([code]) => byCode.get(code) ?? { code, name: code.toUpperCase() })
  const usedCodes = new Set(used.map((c) => c.code))
  return { used, others: all.filter((c) => !usedCodes.has(c.code)) }
}
