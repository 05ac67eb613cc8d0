/**
 * Runs on the page: a bulk run's answer and its progress events can arrive in either order, and the page must
 * never step back to an older state (stores/bulk.ts); rule runs replace their older state in place, newest first
 * (stores/rules.ts); and what a rule's chain tried, as a `rule_alert` carries it, reads in either language
 * (features/history/audit-text.ts) with the real catalogues.
 */
import { createInstance, type TFunction } from 'i18next'
import { describe, expect, test } from 'vitest'
import type { BulkCounts, BulkRun } from '../../../src/shared/bulk'
import { formatTried, type RuleRun } from '../../../src/shared/rules'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'
import { newerRun } from '../../../src/renderer/src/stores/bulk'
import { withRun } from '../../../src/renderer/src/stores/rules'
import { entryTitle, stepNameText, triedText } from '../../../src/renderer/src/features/history/audit-text'

const counts = (over: Partial<BulkCounts>): BulkCounts => ({ total: 4, pending: 0, running: 0, done: 0, failed: 0, skipped: 0, cancelled: 0, ...over })
const run = (state: BulkRun['state'], over: Partial<BulkCounts>): BulkRun => ({
  id: 'r1',
  action: { kind: 'command', command: 'reboot' },
  by: 'user',
  state,
  concurrency: 5,
  startedAt: 1,
  items: [],
  counts: counts(over),
})

async function translator(lng: 'en' | 'ru'): Promise<TFunction> {
  const i18n = createInstance()
  await i18n.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng, interpolation: { escapeValue: false } })
  return i18n.t
}

describe('bulk runs on the page', () => {
  test('a state further along replaces the known one; an older one never does', () => {
    const start = run('running', { pending: 4 })
    const half = run('running', { pending: 2, done: 1, failed: 1 })
    const ended = run('done', { done: 3, failed: 1 })
    expect(newerRun(undefined, start)).toBe(start)
    expect(newerRun(start, half)).toBe(half)
    // The answer to `start` arriving after progress events: kept out.
    expect(newerRun(half, start)).toBe(half)
    expect(newerRun(half, ended)).toBe(ended)
    // A late progress event after the run ended: kept out.
    expect(newerRun(ended, half)).toBe(ended)
    const cancelling = run('cancelling', { pending: 2, done: 2 })
    expect(newerRun(run('running', { done: 3, pending: 1 }), cancelling)).toBe(cancelling)
    expect(newerRun(run('cancelled', { done: 2, cancelled: 2 }), cancelling).state).toBe('cancelled')
  })

  test('rule runs: a newer state of a run takes its place, the list stays newest first', () => {
    const r = (id: string, startedAt: number, outcome: RuleRun['outcome']): RuleRun => ({
      id,
      ruleId: 'x',
      ruleName: 'X',
      connectionId: 'c',
      trigger: { event: 'offline', at: startedAt },
      startedAt,
      outcome,
      steps: [],
    })
    let runs = withRun([], r('a', 1, 'running'))
    runs = withRun(runs, r('b', 2, 'running'))
    runs = withRun(runs, r('a', 1, 'succeeded'))
    expect(runs.map((x) => `${x.id}:${x.outcome}`)).toEqual(['b:running', 'a:succeeded'])
  })
})

describe('the audit trail in words', () => {
  test('steps read as the Commands section says them, in English and in Russian', async () => {
    const tEn = await translator('en')
    const tRu = await translator('ru')
    expect(stepNameText(tEn, 'reboot')).toBe('Reboot')
    expect(stepNameText(tEn, 'change_ip_verify')).toBe('Change IP and verify')
    expect(stepNameText(tRu, 'fix_lte')).toBe('Починить LTE')
    expect(stepNameText(tEn, 'something_new')).toBe('something_new')
    expect(entryTitle(tEn, { id: '1', kind: 'bulk', by: 'user', title: 'settings', startedAt: 1, outcome: 'done', steps: [] })).toBe('Apply settings')
    expect(entryTitle(tEn, { id: '2', kind: 'rule', by: 'rule', title: 'My rule', startedAt: 1, outcome: 'done', steps: [] })).toBe('My rule')
  })

  test("a rule alert's list of what was tried reads in the interface language", async () => {
    const tried = formatTried([
      { step: { kind: 'change_ip_verify' }, outcome: 'failed' },
      { step: { kind: 'command', command: 'reboot' }, outcome: 'ok' },
      { step: { kind: 'check' }, outcome: 'skipped' },
    ])
    expect(triedText(await translator('en'), tried)).toBe('Change IP and verify: failed, Reboot: done, Check: skipped')
    expect(triedText(await translator('ru'), tried)).toBe('Сменить IP и проверить: ошибка, Перезагрузить: готово, Проверка: пропущено')
  })
})
