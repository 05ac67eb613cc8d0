/**
 * Reading an IP-echo service's answer in the formats public services use: ipify-style JSON `{ ip }`, ipinfo-style
 * JSON (`ip`, `country`, `city`, `org: "AS123 Name"`), ip-api-style JSON (`query`, `countryCode`, `city`,
 * `as: "AS123 Name"`), the simulator's `{ ip, country, city, asn, carrier }`, or a bare IP in plain text.
 */
import { isIP } from 'node:net'
import type { HealthGeo } from '../../shared/health'

export interface EchoReading {
  ip: string
  version: 4 | 6
  geo?: HealthGeo
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)

function normalizeIp(raw: string): string {
  const ip = raw.trim()
  return ip.toLowerCase().startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip
}

function asnFrom(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return `AS${value}`
  const s = text(value)
  if (!s) return undefined
  const m = /^(?:AS)?(\d{1,10})\b/i.exec(s)
  return m ? `AS${m[1]}` : undefined
}

/** `"AS12389 Rostelecom"` → `"Rostelecom"`; other text as it is. */
function orgFrom(value: unknown): string | undefined {
  const s = text(value)
  if (!s) return undefined
  const stripped = s.replace(/^AS\d+\s*/i, '').trim()
  return stripped || undefined
}

function geoFrom(o: Record<string, unknown>): HealthGeo | undefined {
  const geo: HealthGeo = {}
  const country = text(o.countryCode) ?? text(o.country_code) ?? text(o.country)
  if (country) geo.country = country.length === 2 ? country.toUpperCase() : country
  const city = text(o.city)
  if (city) geo.city = city
  const asn = asnFrom(o.asn) ?? asnFrom(o.as) ?? asnFrom(o.org)
  if (asn) geo.asn = asn
  const org = text(o.carrier) ?? text(o.isp) ?? orgFrom(o.org) ?? orgFrom(o.as) ?? text(o.asn_org)
  if (org) geo.org = org
  return Object.keys(geo).length > 0 ? geo : undefined
}

/** The IP and geo in an echo body, or undefined when the body carries no IP address. */
export function parseEchoBody(body: string): EchoReading | undefined {
  const trimmed = body.trim()
  if (trimmed === '') return undefined
  if (trimmed.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      return undefined
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
    const o = parsed as Record<string, unknown>
    const candidate = text(o.ip) ?? text(o.query) ?? text(o.ip_addr) ?? text(o.origin)
    if (!candidate) return undefined
    const ip = normalizeIp(candidate)
    const version = isIP(ip)
    if (version !== 4 && version !== 6) return undefined
    const geo = geoFrom(o)
    return geo ? { ip, version, geo } : { ip, version }
  }
  // Plain text: a single IP, possibly followed by a newline.
  if (/\s/.test(trimmed)) return undefined
  const ip = normalizeIp(trimmed)
  const version = isIP(ip)
  return version === 4 || version === 6 ? { ip, version } : undefined
}
