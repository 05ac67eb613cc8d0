/**
 * The `rules` domain of the IPC contract: the self-healing rules (shapes in shared/rules.ts), kept in rules.json
 * and run by the fleet watch; handled in main/rules/calls.ts.
 */
import { z } from 'zod'
import { ruleSchema, rulesFileSchema, type DryRunReport, type RuleRun, type RulesFile } from '../rules'
import { call, event, idSchema as id, noInput } from './kit'

export const rulesContract = {
  calls: {
    list: call<RulesFile>()(noInput),
    /** Replaces every rule; validated whole (the bad field named) before anything is stored. */
    save: call<RulesFile>()(rulesFileSchema),
    /** What a rule (stored, by id, or as edited) would have done over the last `hours` of history; does nothing. */
    dryRun: call<DryRunReport>()(
      z.strictObject({ ruleId: id.optional(), rule: ruleSchema.optional(), hours: z.number().int().min(1).max(24 * 7).optional() }),
    ),
  },
  events: {
    /** A rule run started, went a step further, or ended. */
    run: event<RuleRun>(),
  },
} as const
