/**
 * English left on a Russian screen (issue 18 point 7): the English catalogue's phrases that a Russian screen must
 * never show, and a finder over a page's visible text.
 *
 * A phrase is a piece of an English catalogue string between its {{placeholders}}, of two words or more, that its
 * Russian translation does not contain (brand names and API field names are the same in both, so they drop out by
 * themselves; the few that do not are in ALLOWED with a reason).
 */
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'

/** English phrases a Russian screen may show, each with why. */
const ALLOWED: Record<string, string> = {
  'iProxy Desktop': 'the product name',
  'IP allow-list': 'also the demo account’s own description of a proxy (account data, shown as written)',
}

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  )
}

function lookup(tree: Tree, path: string): string | undefined {
  let cur: string | Tree | undefined = tree
  for (const part of path.split('.')) cur = typeof cur === 'object' ? cur[part] : undefined
  return typeof cur === 'string' ? cur : undefined
}

const WORD = /\p{L}+/gu
const EDGES = /^[\s.,:;!?—–(“”"'…-]+|[\s.,:;!?—–(“”"'…-]+$/g

/** Every phrase of the English catalogue that its Russian translation does not keep, with the key it comes from. */
export function englishPhrases(): Map<string, string> {
  const phrases = new Map<string, string>()
  for (const [key, english] of leaves(en as unknown as Tree)) {
    const russian = lookup(ru as unknown as Tree, key)
    if (russian === undefined || russian === english) continue
    for (const piece of english.split(/\{\{[^}]*\}\}/)) {
      const phrase = piece.replace(EDGES, '')
      if ((phrase.match(WORD) ?? []).length < 2 || russian.includes(phrase) || phrase in ALLOWED) continue
      if (!phrases.has(phrase)) phrases.set(phrase, key)
    }
  }
  return phrases
}

/** The English phrases found in `text`, each as `"phrase" (catalogue key)`. */
export function englishIn(text: string, phrases: Map<string, string>): string[] {
  return [...phrases].filter(([phrase]) => text.includes(phrase)).map(([phrase, key]) => `"${phrase}" (${key})`)
}
