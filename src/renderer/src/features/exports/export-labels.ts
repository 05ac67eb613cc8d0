/** Translations of the exports domain's codes (formats, notes, skip reasons). */
import type { TFunction } from 'i18next'
import type { FormatNote, ProxyFormat, SkippedProxy } from '../../../../shared/proxy-list/format'
import type { exportsEn } from '../../i18n/features/exports.en'

const FORMAT_KEYS: Record<ProxyFormat, keyof typeof exportsEn.formats> = {
  'host:port:login:password': 'hostPortLoginPassword',
  'login:password@host:port': 'loginPasswordAtHostPort',
  url: 'url',
  'host:port': 'hostPort',
  csv: 'csv',
  json: 'json',
  template: 'template',
}

export function formatLabel(t: TFunction, format: ProxyFormat): string {
  return t(`exports.formats.${FORMAT_KEYS[format]}`)
}

export function noteText(t: TFunction, note: FormatNote): string {
  return t(`exports.notes.${note.kind}`, { count: note.count })
}

const SKIP_REASONS: ReadonlySet<string> = new Set<keyof typeof exportsEn.skipReasons>(['colon_in_credentials', 'newline_in_field', 'space_at_edge', 'no_address'])

export function skipText(t: TFunction, skipped: SkippedProxy): string {
  return SKIP_REASONS.has(skipped.reason) ? t(`exports.skipReasons.${skipped.reason}`, { field: skipped.field ?? '' }) : skipped.message
}
