import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { changePlanRequestSchema, prolongatePlanRequestSchema } from '../../../../../shared/iproxy'
import type { ActivePlan, Connection, PlanChangeResult } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { TextField } from '../../../ui/TextField'
import type { FormErrors } from '../../../ui/form-errors'
import { schemaErrors, serverErrors } from '../../../ui/form-errors'
import { LocalTime } from '../../../ui/LocalTime'
import { localTimeText } from '../../../ui/time-text'
import { useMountTime } from './use-mount-time'
import { updateConnection } from '../../../stores/connections'
import { useAccount } from '../../../stores/account'

type Pending =
  | { kind: 'change'; body: { active_plan: ActivePlan; plan_id: string; coupon_code?: string } }
  | { kind: 'prolong'; body: { active_plan: ActivePlan; days: number; coupon_code?: string } }

/** The plan, and the two paid actions on it: change to another plan, prolong by days; each confirmed first. */
export function PlanSection({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const now = useMountTime()
  const plan = connection.plan_info?.active_plan
  const [change, setChange] = useState({ plan_id: '', coupon_code: '' })
  const [prolong, setProlong] = useState({ days: '30', coupon_code: '' })
  const [changeErrors, setChangeErrors] = useState<FormErrors>({ fields: {} })
  const [prolongErrors, setProlongErrors] = useState<FormErrors>({ fields: {} })
  const [pending, setPending] = useState<Pending>()
  const [result, setResult] = useState<string[]>()
  // Money before payment: the confirmation states the balance it is paid from, loaded fresh when it opens.
  const balance = useAccount((s) => s.byProfile[profileId]?.balance)
  const loadAccount = useAccount((s) => s.load)
  const asking = pending !== undefined
  useEffect(() => {
    if (asking) void loadAccount(profileId)
  }, [asking, profileId, loadAccount])

  if (!plan) {
    return (
      <section className="detail-section" aria-labelledby="overview-plan">
        <h3 id="overview-plan">{t('connectionDetail.plan.title')}</h3>
        <p className="empty-state">{t('connectionDetail.plan.none')}</p>
      </section>
    )
  }
  const current = { id: plan.id, started_at: plan.started_at, expires_at: plan.expires_at }
  const active = Date.parse(plan.expires_at) > now

  function ruleFor(field: string): string {
    if (field === 'days') return t('connectionDetail.rules.days')
    return t('connectionDetail.rules.required')
  }

  function askChange(): void {
    const body = { active_plan: current, plan_id: change.plan_id.trim(), ...(change.coupon_code.trim() ? { coupon_code: change.coupon_code.trim() } : {}) }
    const parsed = changePlanRequestSchema.safeParse(body)
    if (!parsed.success) return setChangeErrors(schemaErrors(parsed.error, ['plan_id', 'coupon_code'], ruleFor))
    setChangeErrors({ fields: {} })
    setPending({ kind: 'change', body })
  }

  function askProlong(): void {
    const body = { active_plan: current, days: prolong.days.trim() === '' ? Number.NaN : Number(prolong.days), ...(prolong.coupon_code.trim() ? { coupon_code: prolong.coupon_code.trim() } : {}) }
    const parsed = prolongatePlanRequestSchema.safeParse(body)
    if (!parsed.success) return setProlongErrors(schemaErrors(parsed.error, ['days', 'coupon_code'], ruleFor))
    setProlongErrors({ fields: {} })
    setPending({ kind: 'prolong', body })
  }

  /** Applies the answer and says what happened, coupon included. */
  function applied(answer: PlanChangeResult, headline: string, coupon: string | undefined): void {
    updateConnection(profileId, connection.id, (c) => ({ ...c, plan_info: { ...c.plan_info, active_plan: answer.active_plan } }))
    const lines = [headline]
    if (coupon !== undefined) {
      lines.push(t(answer.is_coupon_applied ? 'connectionDetail.plan.couponApplied' : 'connectionDetail.plan.couponNotApplied', { code: coupon }))
    }
    setResult(lines)
  }

  async function confirm(action: Pending): Promise<void> {
    const setErrors = action.kind === 'change' ? setChangeErrors : setProlongErrors
    const known = action.kind === 'change' ? ['plan_id', 'coupon_code'] : ['days', 'coupon_code']
    try {
      if (action.kind === 'change') {
        const answer = await getApi().connections.changePlan({ connId: connection.id, body: action.body })
        applied(answer, t('connectionDetail.plan.changed', { plan: answer.active_plan.id, expires: localTimeText(answer.active_plan.expires_at) }), action.body.coupon_code)
      } else {
        const answer = await getApi().connections.prolongatePlan({ connId: connection.id, body: action.body })
        applied(answer, t('connectionDetail.plan.prolonged', { expires: localTimeText(answer.active_plan.expires_at) }), action.body.coupon_code)
      }
    } catch (err) {
      const errors = serverErrors(err, known)
      // A field the server named is shown on that field; anything else stays in the dialog.
      if (Object.keys(errors.fields).length === 0) throw err
      setErrors(errors)
    }
  }

  return (
    <section className="detail-section" aria-labelledby="overview-plan">
      <h3 id="overview-plan">{t('connectionDetail.plan.title')}</h3>
      <dl className="facts">
        <dt>{t('connectionDetail.plan.id')}</dt>
        <dd className="mono" data-testid="plan-id">{plan.id}</dd>
        <dt>{t('connectionDetail.plan.state')}</dt>
        <dd>{t(active ? 'connectionDetail.plan.active' : 'connectionDetail.plan.expired')}</dd>
        <dt>{t('connectionDetail.plan.started')}</dt>
        <dd>
          <LocalTime value={plan.started_at} fallback={t('connectionDetail.none')} />
        </dd>
        <dt>{t('connectionDetail.plan.expires')}</dt>
        <dd data-testid="plan-expires">
          <LocalTime value={plan.expires_at} fallback={t('connectionDetail.none')} />
        </dd>
      </dl>
      {result && (
        <div role="status" className="notice" data-testid="plan-result">
          {result.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <div className="plan-forms">
        <form
          className="form"
          aria-label={t('connectionDetail.plan.change')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            askChange()
          }}
        >
          <h4>{t('connectionDetail.plan.change')}</h4>
          <TextField
            label={t('connectionDetail.plan.newPlanId')}
            hint={t('connectionDetail.plan.newPlanHint')}
            value={change.plan_id}
            onChange={(e) => setChange({ ...change, plan_id: e.target.value })}
            error={changeErrors.fields.plan_id}
          />
          <TextField
            label={t('connectionDetail.plan.coupon')}
            value={change.coupon_code}
            onChange={(e) => setChange({ ...change, coupon_code: e.target.value })}
            error={changeErrors.fields.coupon_code}
          />
          {changeErrors.form && <p role="alert" className="form-error">{changeErrors.form}</p>}
          <div className="toolbar">
            <button type="submit">{t('connectionDetail.plan.changeSubmit')}</button>
          </div>
        </form>
        <form
          className="form"
          aria-label={t('connectionDetail.plan.prolong')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            askProlong()
          }}
        >
          <h4>{t('connectionDetail.plan.prolong')}</h4>
          <TextField
            label={t('connectionDetail.plan.days')}
            hint={t('connectionDetail.plan.daysHint')}
            inputMode="numeric"
            value={prolong.days}
            onChange={(e) => setProlong({ ...prolong, days: e.target.value })}
            error={prolongErrors.fields.days}
          />
          <TextField
            label={t('connectionDetail.plan.coupon')}
            value={prolong.coupon_code}
            onChange={(e) => setProlong({ ...prolong, coupon_code: e.target.value })}
            error={prolongErrors.fields.coupon_code}
          />
          {prolongErrors.form && <p role="alert" className="form-error">{prolongErrors.form}</p>}
          <div className="toolbar">
            <button type="submit">{t('connectionDetail.plan.prolongSubmit')}</button>
          </div>
        </form>
      </div>
      {pending && (
        <ConfirmDialog
          title={
            pending.kind === 'change'
              ? t('connectionDetail.plan.changeTitle', { plan: pending.body.plan_id })
              : t('connectionDetail.plan.prolongTitle', { days: pending.body.days })
          }
          body={[
            pending.kind === 'change'
              ? t('connectionDetail.plan.changeBody', { from: plan.id, plan: pending.body.plan_id })
              : t('connectionDetail.plan.prolongBody', { plan: plan.id, days: pending.body.days, expires: localTimeText(plan.expires_at) }),
            pending.body.coupon_code ? t('connectionDetail.plan.couponNote', { code: pending.body.coupon_code }) : '',
            t('connectionDetail.plan.paidFor', { name: connection.basic_info.name }),
            balance !== undefined ? t('connectionDetail.plan.balance', { balance }) : t('connectionDetail.plan.balanceLoading'),
          ].filter(Boolean).join(' ')}
          confirmLabel={pending.kind === 'change' ? t('connectionDetail.plan.changeConfirm') : t('connectionDetail.plan.prolongConfirm')}
          danger={false}
          onConfirm={() => confirm(pending)}
          onClose={() => setPending(undefined)}
        />
      )}
    </section>
  )
}
