/**
 * Where the simulated phones are and which networks they use. The mobile IPs come from public ranges that real
 * carriers announce (so a screen shows something that looks like a mobile exit), never private, loopback or
 * documentation blocks. They are only ever reported, never contacted.
 */
import type { Prng } from './prng'

export interface Carrier {
  name: string
  asn: number
  /** First two octets of the ranges the carrier's mobile clients exit from. */
  prefixes: readonly string[]
  /** IPv6 /32 the carrier hands its mobile clients; absent where the carrier is IPv4-only. */
  ipv6Prefix?: string
}

export interface City {
  code: string
  name: string
}

export interface Country {
  code: string
  cities: readonly City[]
  carriers: readonly Carrier[]
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'ru',
    cities: [{ code: 'mow', name: 'Moscow' }, { code: 'led', name: 'Saint Petersburg' }, { code: 'kzn', name: 'Kazan' }],
    carriers: [
      { name: 'MTS', asn: 8359, prefixes: ['31.173', '91.193'], ipv6Prefix: '2a00:1fa0' },
      { name: 'Tele2', asn: 12958, prefixes: ['176.59', '176.14'] },
      { name: 'MegaFon', asn: 25159, prefixes: ['85.140', '83.149'], ipv6Prefix: '2a00:1fa1' },
    ],
  },
  {
    code: 'us',
    cities: [{ code: 'nyc', name: 'New York' }, { code: 'mia', name: 'Miami' }, { code: 'lax', name: 'Los Angeles' }],
    carriers: [
      { name: 'T-Mobile USA', asn: 21928, prefixes: ['172.56', '172.58'], ipv6Prefix: '2607:fb90' },
      { name: 'Verizon Wireless', asn: 22394, prefixes: ['174.192', '174.205'], ipv6Prefix: '2600:1000' },
      { name: 'AT&T Mobility', asn: 20057, prefixes: ['166.198', '107.77'] },
    ],
  },
  {
    code: 'gb',
    cities: [{ code: 'lon', name: 'London' }, { code: 'man', name: 'Manchester' }],
    carriers: [
      { name: 'EE', asn: 12576, prefixes: ['31.94', '92.40'], ipv6Prefix: '2a01:4c8' },
      { name: 'Vodafone UK', asn: 25135, prefixes: ['82.132', '151.227'] },
    ],
  },
  {
    code: 'de',
    cities: [{ code: 'ber', name: 'Berlin' }, { code: 'fra', name: 'Frankfurt' }],
    carriers: [
      { name: 'Telekom Deutschland', asn: 3320, prefixes: ['80.187', '109.42'], ipv6Prefix: '2a01:598' },
      { name: 'Vodafone GmbH', asn: 3209, prefixes: ['92.72', '178.24'] },
    ],
  },
  {
    code: 'pl',
    cities: [{ code: 'waw', name: 'Warsaw' }, { code: 'krk', name: 'Krakow' }],
    carriers: [
      { name: 'Play', asn: 39603, prefixes: ['37.47', '5.173'] },
      { name: 'Orange Polska', asn: 5617, prefixes: ['37.30', '83.24'], ipv6Prefix: '2a00:f41' },
    ],
  },
  {
    code: 'ua',
    cities: [{ code: 'iev', name: 'Kyiv' }, { code: 'ods', name: 'Odesa' }],
    carriers: [
      { name: 'Kyivstar', asn: 15895, prefixes: ['46.211', '176.36'] },
      { name: 'lifecell', asn: 34058, prefixes: ['5.44', '46.133'] },
    ],
  },
  {
    code: 'tr',
    cities: [{ code: 'ist', name: 'Istanbul' }],
    carriers: [{ name: 'Turkcell', asn: 16135, prefixes: ['178.240', '188.119'] }],
  },
  {
    code: 'br',
    cities: [{ code: 'sao', name: 'Sao Paulo' }],
    carriers: [{ name: 'Claro Brasil', asn: 28573, prefixes: ['177.79', '191.20'], ipv6Prefix: '2804:14c' }],
  },
  {
    code: 'th',
    cities: [{ code: 'bkk', name: 'Bangkok' }],
    carriers: [{ name: 'AIS', asn: 45758, prefixes: ['49.228', '171.96'] }],
  },
]

const FALLBACK = COUNTRIES[0] as Country

export function countryFor(code: string): Country {
  return COUNTRIES.find((c) => c.code === code.toLowerCase()) ?? FALLBACK
}

export function cityName(country: string, city: string): string {
  return countryFor(country).cities.find((c) => c.code === city.toLowerCase())?.name ?? city.toUpperCase()
}

/** A public-looking mobile IPv4 from one of the carrier's ranges. */
export function mobileIpv4(carrier: Carrier, prng: Prng): string {
  return `${prng.pick(carrier.prefixes)}.${prng.int(0, 255)}.${prng.int(1, 254)}`
}

export function mobileIpv6(carrier: Carrier, prng: Prng): string | undefined {
  if (!carrier.ipv6Prefix) return undefined
  const group = () => prng.int(1, 0xffff).toString(16)
  return `${carrier.ipv6Prefix}:${group()}:${group()}:${group()}:${group()}:${group()}:${group()}`
}

export interface PhoneModel {
  manufacturer: string
  model: string
  androidVersions: readonly string[]
}

export const PHONE_MODELS: readonly PhoneModel[] = [
  { manufacturer: 'Samsung', model: 'SM-A236B', androidVersions: ['13', '14'] },
  { manufacturer: 'Samsung', model: 'SM-A546B', androidVersions: ['14', '15'] },
  { manufacturer: 'Xiaomi', model: 'Redmi Note 12', androidVersions: ['13', '14'] },
  { manufacturer: 'Xiaomi', model: '23053RN02Y', androidVersions: ['14'] },
  { manufacturer: 'Google', model: 'Pixel 6a', androidVersions: ['14', '15'] },
  { manufacturer: 'Motorola', model: 'moto g54 5G', androidVersions: ['14'] },
  { manufacturer: 'OnePlus', model: 'CPH2581', androidVersions: ['14', '15'] },
  { manufacturer: 'Nokia', model: 'G21', androidVersions: ['12', '13'] },
]
