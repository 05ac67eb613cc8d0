/**
 * ui/issue-text.ts (issue 18, point 7): a form's validation problems read in the interface language, worded by
 * the zod issue's code and limits or a shared rule's id, whether the renderer checked the value itself or main
 * refused it and sent its issues over the bridge (main/bridge-errors.ts describeIssues).
 */
import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ZodType } from 'zod'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'
import { issueText } from '../../../src/renderer/src/ui/issue-text'
import { issueFacts } from '../../../src/shared/issue-facts'
import { describeIssues } from '../../../src/main/bridge-errors'
import { healthSettingsUpdateSchema } from '../../../src/shared/health'
import { proxyExportInputSchema } from '../../../src/shared/exports'
import { createConnectionRequestSchema } from '../../../src/shared/iproxy/connections'
import { createProxyAccessRequestSchema } from '../../../src/shared/iproxy/proxies'
import { historyRangeSchema } from '../../../src/shared/history'
import { z } from 'zod'
import { baseUrlSchema, profileNameSchema } from '../../../src/shared/profiles'

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } })
})

/** Each field's first issue, worded in `lng`, as the form shows it from the client check and from main's issues. */
async function worded(schema: ZodType, value: unknown, lng: 'en' | 'ru'): Promise<Record<string, string>> {
  await i18next.changeLanguage(lng)
  const parsed = schema.safeParse(value)
  if (parsed.success) throw new Error('expected the value to fail')
  const client = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), issueText(issueFacts(i))]).reverse())
  // Main's issues as the bridge carries them (JSON), worded the same way.
  const bridged = JSON.parse(JSON.stringify(describeIssues(parsed.error))) as Array<{ field: string; code: string; message: string }>
  const server = Object.fromEntries(bridged.map((i) => [i.field, issueText(i)]).reverse())
  expect(server).toEqual(client)
  return client
}

describe('issue text', () => {
  it('words an export template refused by the shared schema, naming the unknown placeholder', async () => {
    const input = { format: 'template', address: 'ip', template: '{host}:{port}|{nope}' }
    expect(await worded(proxyExportInputSchema, input, 'ru')).toEqual({ template: 'Неизвестная подстановка {nope}: используйте одну из перечисленных под полем' })
    expect(await worded(proxyExportInputSchema, input, 'en')).toEqual({ template: 'Unknown placeholder {nope}: use one of those listed under the field' })
    expect(await worded(proxyExportInputSchema, { ...input, template: 'plain text' }, 'ru')).toEqual({
      template: 'В шаблоне нет подстановок, и все строки вышли бы одинаковыми: добавьте, например, {host}:{port}',
    })
  })

  it('words number limits and whole numbers in Russian and English', async () => {
    expect(await worded(healthSettingsUpdateSchema, { concurrency: 501, timeoutMs: 10 }, 'ru')).toEqual({ concurrency: 'Не больше 500', timeoutMs: 'Не меньше 1000' })
    expect(await worded(healthSettingsUpdateSchema, { concurrency: 501, timeoutMs: 10 }, 'en')).toEqual({ concurrency: 'At most 500', timeoutMs: 'At least 1000' })
    expect(await worded(healthSettingsUpdateSchema, { concurrency: 1.5 }, 'ru')).toEqual({ concurrency: 'Введите целое число' })
    expect(await worded(healthSettingsUpdateSchema, { throughputUrl: 'ftp://x' }, 'ru')).toEqual({ throughputUrl: 'Неверный адрес' })
    expect(await worded(healthSettingsUpdateSchema, { echoUrls: [] }, 'en')).toEqual({ echoUrls: 'Add at least 1 item' })
  })

  it('words string lengths with plural forms, and an empty required string as required', async () => {
    expect(await worded(z.object({ name: profileNameSchema }), { name: '' }, 'ru')).toEqual({ name: 'Обязательное поле' })
    expect(await worded(z.object({ name: profileNameSchema }), { name: '' }, 'en')).toEqual({ name: 'Required' })
    const long = await worded(createConnectionRequestSchema, { name: 'x'.repeat(300), country: 'usa', city: 'Paris' }, 'ru')
    expect(long.name).toMatch(/^Не больше \d+ символ(а|ов)$/)
    expect(long.country).toBe('Не больше 2 символов')
    expect((await worded(createConnectionRequestSchema, { name: 'x', country: 'usa', city: 'Paris' }, 'en')).country).toBe('At most 2 characters')
    expect((await worded(createConnectionRequestSchema, { name: 'x', country: 'u1', city: 'Paris' }, 'ru')).country).toBe('Неверный формат')
  })

  it('words the shared schemas’ own rules by their id', async () => {
    expect(await worded(createConnectionRequestSchema, { name: 'x', city: 'Paris' }, 'ru')).toEqual({ country: 'Укажите страну вместе с городом' })
    expect(await worded(createConnectionRequestSchema, { name: 'x', server_id: 's1', country: 'us', city: 'Paris' }, 'en')).toEqual({
      server_id: 'Choose either a VIP server or a country and city, not both',
    })
    expect(await worded(createProxyAccessRequestSchema, { listen_service: 'http', auth_type: 'noauth' }, 'ru')).toEqual({
      acl_inbound_policy: 'Прокси без пароля нужно ограничить известными IP-адресами',
    })
    expect(await worded(historyRangeSchema, { from: 200, to: 100 }, 'ru')).toEqual({ from: 'Конец не может быть раньше начала' })
    expect(await worded(z.object({ baseUrl: baseUrlSchema }), { baseUrl: 'https://user:pw@example.com' }, 'en')).toEqual({
      baseUrl: 'The API address must start with https:// (http:// only for this computer) and hold no user name or password',
    })
  })

  it('keeps the English message for an issue it has no wording for, and main keeps it for its log', async () => {
    await i18next.changeLanguage('ru')
    expect(issueText({ code: 'custom', message: 'something app-specific' })).toBe('something app-specific')
    expect(issueText({ code: 'custom', id: 'no_such_rule', message: 'rule text' })).toBe('rule text')
    const parsed = healthSettingsUpdateSchema.safeParse({ concurrency: 501 })
    expect(parsed.success || describeIssues(parsed.error)).toEqual([
      { field: 'concurrency', code: 'too_big', message: 'must be at most 500', origin: 'number', maximum: 500, inclusive: true },
    ])
  })
})
