/**
 * "Apply settings" on many connections (features/bulk/settings-draft.ts): only the ticked settings are sent, typed
 * as the Settings tab types them; a bad value is refused by the seed's rules with the setting named, before any
 * request; and what it lets through is an action main's bulk schema accepts.
 */
import { describe, expect, test } from 'vitest'
import { bulkActionSchema } from '../../../src/shared/bulk'
import { checkDraft, draftBody, emptyDraft, withIncluded, withValue } from '../../../src/renderer/src/features/bulk/settings-draft'

describe('the Apply settings draft', () => {
  test('starts with nothing ticked and sends only what is ticked, as request values', () => {
    let draft = emptyDraft()
    expect(draftBody(draft)).toEqual({})
    draft = withValue(draft, 'ip_change_interval_minutes', '15')
    expect(draftBody(draft)).toEqual({})
    draft = withIncluded(draft, 'ip_change_interval_minutes', true)
    draft = withIncluded(withValue(draft, 'ip_change_enabled', true), 'ip_change_enabled', true)
    draft = withIncluded(withValue(draft, 'dns', '1.1.1.1, 8.8.8.8'), 'dns', true)
    expect(draftBody(draft)).toEqual({ ip_change_interval_minutes: 15, ip_change_enabled: true, dns: ['1.1.1.1', '8.8.8.8'] })
    const checked = checkDraft(draft)
    expect(checked).toEqual({ ok: true, settings: { ip_change_interval_minutes: 15, ip_change_enabled: true, dns: ['1.1.1.1', '8.8.8.8'] } })
    if (checked.ok) expect(bulkActionSchema.safeParse({ kind: 'settings', settings: checked.settings }).success).toBe(true)
  })

  test('a value the seed refuses is named by its setting; an unticked bad value is not sent, so not refused', () => {
    let draft = withIncluded(withValue(emptyDraft(), 'ip_change_interval_minutes', '5000'), 'ip_change_interval_minutes', true)
    draft = withIncluded(withValue(draft, 'dns', 'not-an-ip'), 'dns', true)
    draft = withValue(draft, 'low_battery_reboot_threshold', '200')
    expect(checkDraft(draft)).toEqual({ ok: false, fields: ['dns', 'ip_change_interval_minutes'] })
    draft = withIncluded(draft, 'dns', false)
    draft = withValue(draft, 'ip_change_interval_minutes', '30')
    expect(checkDraft(draft)).toEqual({ ok: true, settings: { ip_change_interval_minutes: 30 } })
  })

  test('an empty box for a number is refused, not sent as 0', () => {
    const draft = withIncluded(emptyDraft(), 'no_network_reboot_timeout_seconds', true)
    expect(checkDraft(draft)).toEqual({ ok: false, fields: ['no_network_reboot_timeout_seconds'] })
  })
})
