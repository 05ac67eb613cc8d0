/**
 * The self-healing rules on the page (main/rules, through `rules.*`): the rules file as main keeps it, saved whole,
 * and the rule runs of this session as the `rules.run` event reports them (started, a step further, ended).
 */
import { create } from 'zustand'
import type { DryRunReport, Rule, RuleRun } from '../../../shared/rules'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'

/** Rule runs kept for the Rules screen, newest first (the Activity screen reads all of them from the history). */
const RUNS_KEPT = 100

interface RulesState {
  rules?: Rule[]
  loading: boolean
  loadError?: string
  /** Newest first. */
  runs: RuleRun[]
  load(): Promise<void>
  /** Stores every rule as given; throws what main refused (its issues name `rules.<index>.<field>`). */
  save(rules: Rule[]): Promise<void>
  dryRun(input: { rule: Rule; hours?: number }): Promise<DryRunReport>
  applyRun(run: RuleRun): void
}

/** The run list with this state of a run in place of its older one, newest first. */
export function withRun(runs: readonly RuleRun[], run: RuleRun): RuleRun[] {
  const rest = runs.filter((r) => r.id !== run.id)
  return [run, ...rest].sort((a, b) => b.startedAt - a.startedAt).slice(0, RUNS_KEPT)
}

export const useRules = create<RulesState>()((set, get) => ({
  loading: false,
  runs: [],
  async load() {
    if (get().loading) return
    set({ loading: true, loadError: undefined })
    try {
      set({ rules: (await getApi().rules.list()).rules, loading: false })
    } catch (err) {
      set({ loading: false, loadError: errorMessage(err) })
    }
  },
  async save(rules) {
    const saved = await getApi().rules.save({ rules })
    set({ rules: saved.rules })
  },
  dryRun: ({ rule, hours }) => getApi().rules.dryRun({ rule, ...(hours ? { hours } : {}) }),
  applyRun: (run) => set((s) => ({ runs: withRun(s.runs, run) })),
}))

let subscribed = false
/** Listens to rule runs once per page (App calls it), so runs that happen on any screen are listed. */
export function subscribeToRules(): void {
  if (subscribed) return
  subscribed = true
  getApi().on('rules.run', (run) => useRules.getState().applyRun(run))
}
