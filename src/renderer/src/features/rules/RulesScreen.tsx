/**
 * The Rules section: the self-healing rules (rules.json, through `rules.*`), each switched on or off in place,
 * added from the example, edited, deleted and tried with a dry run over the last 24 hours; then the rule runs as
 * they happen, and the pace bulk runs and rules keep (BulkSettingsForm). Every change saves the whole file, which
 * main checks whole before it keeps anything.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { Rule } from '../../../../shared/rules'
import { useConnectionNames } from '../../stores/connections'
import { subscribeToRules, useRules } from '../../stores/rules'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { errorMessage } from '../../ui/error-message'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { BulkSettingsForm } from '../bulk/BulkSettingsForm'
import { DryRunPanel, type DryRunState } from './DryRunPanel'
import { draftOf, newRuleDraft, type RuleDraft } from './rule-draft'
import { RuleEditor } from './RuleEditor'
import { RuleList } from './RuleList'
import { RuleRuns } from './RuleRuns'
import './rules.css'

type Outcome = { message: string; error?: boolean }

export function RulesScreen() {
  const { t } = useTranslation()
  const { rules, loading, loadError, runs, load, save, dryRun } = useRules(
    useShallow((s) => ({ rules: s.rules, loading: s.loading, loadError: s.loadError, runs: s.runs, load: s.load, save: s.save, dryRun: s.dryRun })),
  )
  const { names } = useConnectionNames(true)
  const [editor, setEditor] = useState<{ editing: string | undefined; draft: RuleDraft }>()
  const [dry, setDry] = useState<DryRunState & { seq: number }>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [busy, setBusy] = useState(false)
  // A switch flipped shows its new state at once; the saved file decides once main answers (a refusal flips it back).
  const [switching, setSwitching] = useState<{ id: string; enabled: boolean }>()
  const [removing, setRemoving] = useState<Rule>()
  const screenRef = useRef<HTMLDivElement>(null)
  // Where focus goes once the screen has re-rendered: a rule's Edit button, "Add a rule", the editor, the dry run.
  const focusGoal = useRef<string>(undefined)
  const setFocus = (selector: string) => {
    focusGoal.current = selector
  }

  useEffect(() => {
    subscribeToRules()
    void load()
  }, [load])
  useEffect(() => {
    // After every render: the change that set a goal has been drawn by now.
    if (!focusGoal.current) return
    // A rule's own button when it is there (a deleted rule's is not): else "Add a rule".
    const element = screenRef.current?.querySelector<HTMLElement>(focusGoal.current) ?? screenRef.current?.querySelector<HTMLElement>('[data-rules-add]')
    element?.focus()
    focusGoal.current = undefined
  })

  const list = rules ?? []

  async function saveAll(next: Rule[], done: Outcome): Promise<void> {
    setBusy(true)
    setOutcome(undefined)
    try {
      await save(next)
      setOutcome(done)
    } catch (err) {
      setOutcome({ message: t('rules.list.saveFailed', { reason: errorMessage(err) }), error: true })
    } finally {
      setBusy(false)
    }
  }

  function tryRule(rule: Rule): void {
    const seq = (dry?.seq ?? 0) + 1
    setDry({ seq, ruleName: rule.name })
    setFocus('.rules-dry-run h2')
    dryRun({ rule }).then(
      (report) => setDry((current) => (current?.seq === seq ? { ...current, report } : current)),
      (err: unknown) => setDry((current) => (current?.seq === seq ? { ...current, error: t('rules.dryRun.failed', { reason: errorMessage(err) }) } : current)),
    )
  }

  const editButton = (id: string) => `[data-rule="${CSS.escape(id)}"] [data-part="edit"]`
  const closeEditor = (id: string | undefined) => {
    setEditor(undefined)
    setFocus(id ? editButton(id) : '[data-rules-add]')
  }

  return (
    <div className="rules-screen" ref={screenRef}>
      <p className="field-hint">{t('rules.intro')}</p>
      <RefreshNotice error={loadError} onRetry={() => void load()} />
      <div aria-live="polite">
        {outcome && (
          <p role={outcome.error ? 'alert' : 'status'} className={outcome.error ? 'form-error' : 'notice'}>
            {outcome.message}
          </p>
        )}
      </div>
      {editor ? (
        <RuleEditor
          draft={editor.draft}
          editing={editor.editing}
          rules={list}
          onChange={(draft) => setEditor({ ...editor, draft })}
          save={save}
          onSaved={(rule) => {
            setOutcome({ message: t('rules.editor.saved', { name: rule.name }) })
            closeEditor(rule.id)
          }}
          onCancel={() => closeEditor(editor.editing)}
          onDryRun={tryRule}
        />
      ) : (
        <>
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              data-rules-add=""
              disabled={rules === undefined}
              onClick={() => {
                setOutcome(undefined)
                setEditor({ editing: undefined, draft: newRuleDraft(list) })
                setFocus('.rules-editor input')
              }}
            >
              {t('rules.list.add')}
            </button>
          </div>
          {rules === undefined ? (
            loading && <p>{t('app.loading')}</p>
          ) : list.length === 0 ? (
            <p className="empty-state">{t('rules.list.empty')}</p>
          ) : (
            <RuleList
              rules={switching ? list.map((r) => (r.id === switching.id ? { ...r, enabled: switching.enabled } : r)) : list}
              busy={busy}
              onToggle={(rule, enabled) => {
                setSwitching({ id: rule.id, enabled })
                void saveAll(
                  list.map((r) => (r.id === rule.id ? { ...r, enabled } : r)),
                  { message: t(enabled ? 'rules.list.turnedOn' : 'rules.list.turnedOff', { name: rule.name }) },
                ).finally(() => setSwitching(undefined))
              }}
              onEdit={(rule) => {
                setOutcome(undefined)
                setEditor({ editing: rule.id, draft: draftOf(rule) })
                setFocus('.rules-editor input')
              }}
              onDryRun={tryRule}
              onRemove={setRemoving}
            />
          )}
        </>
      )}
      {dry && <DryRunPanel key={dry.seq} state={dry} names={names} onClose={() => setDry(undefined)} />}
      <RuleRuns runs={runs} names={names} />
      <BulkSettingsForm />
      {removing && (
        <ConfirmDialog
          title={t('rules.list.removeTitle', { name: removing.name })}
          body={t('rules.list.removeBody')}
          confirmLabel={t('rules.list.remove')}
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await save(list.filter((r) => r.id !== removing.id))
            setOutcome({ message: t('rules.list.removed', { name: removing.name }) })
            setFocus('[data-rules-add]')
          }}
        />
      )}
    </div>
  )
}
