/**
 * The rule editor's model (features/rules/rule-draft.ts): a rule survives the trip through the form, a bad value is
 * named by the field the form shows it on (the shared ruleSchema's path), the editor's own checks (a filter that
 * does not parse, "these connections" with none) land on theirs, and main's refusal of the whole file comes back
 * to the edited rule's fields.
 */
import { describe, expect, test } from 'vitest'
import { EXAMPLE_RULE, ruleSchema, type Rule } from '../../../src/shared/rules'
import {
  checkRule,
  draftOf,
  fieldsOfRule,
  newRuleDraft,
  placeProblems,
  ruleOf,
  stepDraft,
  withRule,
  type RuleDraft,
} from '../../../src/renderer/src/features/rules/rule-draft'

const fields = (draft: RuleDraft): string[] => {
  const checked = checkRule(draft)
  return checked.ok ? [] : checked.problems.map((p) => p.field)
}

describe('the rule editor model', () => {
  test('a rule goes into the form and comes back the same', () => {
    expect(ruleOf(draftOf(EXAMPLE_RULE))).toEqual(EXAMPLE_RULE)
    const scoped: Rule = { ...EXAMPLE_RULE, when: { event: 'check_failed', times: 4 }, scope: { filter: 'city=moscow' } }
    expect(ruleOf(draftOf(scoped))).toEqual(scoped)
    const byId: Rule = { ...EXAMPLE_RULE, when: { event: 'ip_repeated', withinHours: 6 }, scope: { connectionIds: ['a', 'b'] } }
    expect(ruleOf(draftOf(byId))).toEqual(byId)
    expect(checkRule(draftOf(byId))).toEqual({ ok: true, rule: byId })
  })

  test('a new rule is the example, off, under an id and a name no other rule has', () => {
    const first = newRuleDraft([])
    expect(first).toMatchObject({ id: EXAMPLE_RULE.id, name: EXAMPLE_RULE.name, enabled: false })
    const second = newRuleDraft([EXAMPLE_RULE])
    expect(second.id).toBe(`${EXAMPLE_RULE.id}-2`)
    expect(second.name).toBe(`${EXAMPLE_RULE.name} (2)`)
    expect(ruleSchema.safeParse(ruleOf(second)).success).toBe(true)
  })

  test('each bad value is named by the field the form shows it on', () => {
    const draft = draftOf(EXAMPLE_RULE)
    expect(fields({ ...draft, name: '  ' })).toEqual(['name'])
    expect(fields({ ...draft, minutes: '0' })).toEqual(['when.minutes'])
    expect(fields({ ...draft, minutes: 'soon' })).toEqual(['when.minutes'])
    // Only the chosen event's number counts.
    expect(fields({ ...draft, minutes: 'soon', event: 'check_failed', times: '101' })).toEqual(['when.times'])
    expect(fields({ ...draft, steps: [stepDraft({ kind: 'wait', seconds: 5 }), { ...stepDraft({ kind: 'wait', seconds: 5 }), seconds: '0' }] })).toEqual(['do.1.seconds'])
    expect(fields({ ...draft, steps: [] })).toEqual(['do'])
    expect(fields({ ...draft, maxRunsPerHour: '61' })).toEqual(['limits.maxRunsPerHour'])
  })

  test('the zod facts of a problem are kept for wording it in the interface language', () => {
    const checked = checkRule({ ...draftOf(EXAMPLE_RULE), minutes: '0' })
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.problems[0]).toMatchObject({ field: 'when.minutes', issue: { code: 'too_small', minimum: 1, origin: 'number' } })
  })

  test('a filter that does not parse, and "these connections" with none chosen, are refused on their fields', () => {
    const draft = draftOf(EXAMPLE_RULE)
    expect(fields({ ...draft, scope: 'filter', filter: 'town=moscow' })).toEqual(['scope.filter'])
    expect(fields({ ...draft, scope: 'filter', filter: '' })).toEqual(['scope.filter'])
    expect(fields({ ...draft, scope: 'filter', filter: 'status=offline name~"moscow 1"' })).toEqual([])
    expect(fields({ ...draft, scope: 'ids', ids: [] })).toEqual(['scope.connectionIds'])
    expect(checkRule({ ...draft, scope: 'filter', filter: 'town=moscow' })).toEqual({ ok: false, problems: [{ field: 'scope.filter', own: 'filterBad' }] })
  })

  test('saving puts the rule in place of the stored one, or adds it', () => {
    const other: Rule = { ...EXAMPLE_RULE, id: 'other', name: 'Other' }
    const edited: Rule = { ...EXAMPLE_RULE, name: 'Edited' }
    expect(withRule([EXAMPLE_RULE, other], edited, EXAMPLE_RULE.id).map((r) => r.name)).toEqual(['Edited', 'Other'])
    expect(withRule([other], edited, undefined).map((r) => r.id)).toEqual(['other', EXAMPLE_RULE.id])
  })

  test("main's refusal of the file lands on the edited rule's fields; other rules' problems go to the form", () => {
    const { mine, other } = fieldsOfRule({ 'rules.1.when.minutes': 'At least 1', 'rules.0.name': 'Required', rules: 'every rule needs its own id' }, 1)
    expect(mine).toEqual({ 'when.minutes': 'At least 1' })
    expect(other).toEqual(['rules.0.name: Required', 'rules: every rule needs its own id'])
    expect(placeProblems({ name: 'Required', id: 'Not a valid format', 'do.3.seconds': 'At most 3600' })).toEqual({
      onFields: { name: 'Required', 'do.3.seconds': 'At most 3600' },
      elsewhere: ['id: Not a valid format'],
    })
  })
})
