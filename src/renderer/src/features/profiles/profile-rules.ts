import type { TFunction } from 'i18next'
import type { en } from '../../i18n/en'

/**
 * A profile field's validation problem in the interface's language. The schemas (shared/profiles.ts) are main's
 * too and word their issues in English; the page words each one by field and zod issue code instead.
 */
type RuleKey = `profiles.rules.${keyof (typeof en)['profiles']['rules']}`
export type ProfileField = 'name' | 'apiKey' | 'baseUrl'

const RULES: Record<ProfileField, Partial<Record<string, RuleKey>>> = {
  name: { too_small: 'profiles.rules.nameRequired', too_big: 'profiles.rules.nameTooLong' },
  apiKey: { too_small: 'profiles.rules.keyTooShort', too_big: 'profiles.rules.keyTooLong', invalid_format: 'profiles.rules.keySpaces' },
  baseUrl: { invalid_format: 'profiles.rules.baseUrlFormat', too_big: 'profiles.rules.baseUrlTooLong', custom: 'profiles.rules.baseUrlNotAllowed' },
}

export function profileIssueText(t: TFunction, field: string, issue: { code: string; message: string }): string {
  const key = (RULES as Partial<Record<string, Partial<Record<string, RuleKey>>>>)[field]?.[issue.code]
  return key ? t(key) : issue.message
}
