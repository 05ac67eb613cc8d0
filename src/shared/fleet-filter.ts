/**
 * A fleet filter as text, for `iproxy bulk --filter EXPR` and a rule's scope: terms separated by spaces, all of
 * which must hold.
 *
 *   status=offline        the API's online_status (online, offline, nodata, flapping)
 *   country=ru city=moscow the server's location (case-insensitive)
 *   name~moscow           the name contains the text (case-insensitive); `name=...` is the whole name
 *   id=abc123             one connection
 *   check=failed          the last proxy check in the history failed (`check=ok` passed)
 *
 * A value with spaces is quoted: `name~"moscow 1"`. An unknown key or a term without `=`/`~` is an error that
 * names the term, so a typo never selects the whole fleet.
 */

export const FLEET_FILTER_KEYS = ['status', 'country', 'city', 'name', 'id', 'check'] as const
export type FleetFilterKey = (typeof FLEET_FILTER_KEYS)[number]

export interface FleetFilterTerm {
  key: FleetFilterKey
  op: '=' | '~'
  value: string
}

/** What a filter is matched against: one connection's facts, from the connections list, statuses and history. */
export interface FleetFacts {
  id: string
  name: string
  status?: string
  country?: string
  city?: string
  /** The last proxy check's verdict, when the history has one. */
  lastCheck?: 'ok' | 'failed'
}

export type ParsedFleetFilter = { ok: true; terms: FleetFilterTerm[] } | { ok: false; error: string }

const TERM_RE = /\s*([A-Za-z]+)\s*([=~])\s*(?:"([^"]*)"|([^\s"]+))/y

export function parseFleetFilter(text: string): ParsedFleetFilter {
  const terms: FleetFilterTerm[] = []
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    TERM_RE.lastIndex = at
    const m = TERM_RE.exec(text)
    if (!m) {
      const rest = text.slice(at).trim().split(/\s+/)[0] ?? ''
      return { ok: false, error: `"${rest}" is not a filter term: write key=value or key~text (keys: ${FLEET_FILTER_KEYS.join(', ')})` }
    }
    const key = (m[1] ?? '').toLowerCase()
    if (!(FLEET_FILTER_KEYS as readonly string[]).includes(key)) {
      return { ok: false, error: `"${m[1]}" is not a filter key (keys: ${FLEET_FILTER_KEYS.join(', ')})` }
    }
    const value = m[3] ?? m[4] ?? ''
    if (key === 'check' && value !== 'ok' && value !== 'failed') return { ok: false, error: `check must be ok or failed, not "${value}"` }
    terms.push({ key: key as FleetFilterKey, op: m[2] as '=' | '~', value })
    at = TERM_RE.lastIndex
  }
  if (terms.length === 0) return { ok: false, error: 'the filter is empty: write at least one key=value term' }
  return { ok: true, terms }
}

export function matchesFleetFilter(terms: readonly FleetFilterTerm[], facts: FleetFacts): boolean {
  return terms.every((term) => {
    const actual = term.key === 'check' ? facts.lastCheck : facts[term.key]
    if (actual === undefined) return false
    const a = actual.toLowerCase()
    const v = term.value.toLowerCase()
    return term.op === '~' ? a.includes(v) : a === v
  })
}
