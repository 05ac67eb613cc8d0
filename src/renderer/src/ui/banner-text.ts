/**
 * The reasons an error banner shows, as sentences (issue 18: the banner repeated itself and read ".;" and "—").
 * Several lists failing for one cause (the server down) give one sentence; the banner adds what to do next (Retry).
 * Pure, so the assembly is unit-tested (test/unit/renderer/banner-text.test.ts).
 */

// "GET /connections", "POST /connections/abc/proxy-access": the request a message names, which differs between lists
// that failed for the same reason.
const REQUEST = /\b(GET|POST|PUT|PATCH|DELETE|HEAD) \/[^\s),;]*/g

/** One reason as a sentence: trimmed, no dangling separator, ending in a full stop. */
export function asSentence(reason: string): string {
  const text = reason
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s;:,—–-]+$/u, '')
  if (!text) return ''
  return /[.!?…]$/u.test(text) ? text : `${text}.`
}

/** The distinct reasons, each a sentence, in the order they came; the same error on several requests counts once. */
export function bannerReasons(reasons: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const reason of reasons) {
    const sentence = asSentence(reason ?? '')
    if (!sentence) continue
    const key = sentence.replace(REQUEST, '*').toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(sentence)
  }
  return out
}
