/**
 * Tariffs: changing a connection's plan and prolonging it, both paid from the account balance.
 *
 * The request carries the plan as the client last saw it; a request built on a stale view (someone else changed
 * or prolonged the plan meanwhile) is refused rather than charged twice.
 */
import type { ChangePlanRequest, ProlongatePlanRequest } from '../../../shared/iproxy'
import { randomId } from '../prng'
import { ApiError } from '../routes/router'
import { getConnection } from './connections'
import type { SimConnection, SimPlan, SimState } from './store'
import { iso } from './store'

const DAY_MS = 24 * 60 * 60 * 1000

export interface CatalogPlan {
  id: string
  days: number
  priceCents: number
}

export const PLAN_CATALOG: readonly CatalogPlan[] = [
  { id: 'start-30', days: 30, priceCents: 1200 },
  { id: 'pro-30', days: 30, priceCents: 1900 },
  { id: 'pro-90', days: 90, priceCents: 5100 },
]

/** Plan ids the catalog does not know (the docs' "newPlanID") are sold as a standard 30-day plan. */
export function catalogPlan(id: string): CatalogPlan {
  return PLAN_CATALOG.find((p) => p.id === id) ?? { id, days: 30, priceCents: 1500 }
}

/** Percent off per coupon code; "CODE" is the one the docs use. */
export const COUPONS: Readonly<Record<string, number>> = { CODE: 10, DEMO10: 10, HALF: 50 }

function discounted(cents: number, coupon: string | undefined): { cents: number; applied: boolean } {
  const percent = coupon === undefined ? undefined : COUPONS[coupon.toUpperCase()]
  if (percent === undefined) return { cents, applied: false }
  return { cents: Math.round((cents * (100 - percent)) / 100), applied: true }
}

function planJson(plan: SimPlan) {
  return { id: plan.id, started_at: iso(plan.startedAt), expires_at: iso(plan.expiresAt) }
}

function currentPlan(conn: SimConnection, seen: ChangePlanRequest['active_plan']): SimPlan {
  const plan = conn.plan
  if (!plan) throw new ApiError(409, 'no_active_plan', `connection ${conn.id} has no plan to change or prolong`, 'active_plan')
  if (seen.id !== plan.id || Date.parse(seen.expires_at) !== plan.expiresAt) {
    throw new ApiError(
      409,
      'plan_changed',
      `active_plan does not match the connection's current plan (${plan.id}, expires ${iso(plan.expiresAt)}); reload and try again`,
      'active_plan',
    )
  }
  return plan
}

function charge(state: SimState, cents: number): void {
  if (state.account.balanceCents < cents) {
    throw new ApiError(402, 'insufficient_balance', `the balance is too low for this payment (${(cents / 100).toFixed(2)} needed)`)
  }
  state.account.balanceCents -= cents
}

/** The new plan runs from now for its length; its price is paid in full. `started_at` stays as it was. */
export function changePlan(state: SimState, connId: string, body: ChangePlanRequest) {
  const conn = getConnection(state, connId)
  const plan = currentPlan(conn, body.active_plan)
  const target = catalogPlan(body.plan_id)
  const price = discounted(target.priceCents, body.coupon_code)
  charge(state, price.cents)
  conn.plan = {
    id: target.id,
    catalogId: target.id,
    days: target.days,
    priceCents: target.priceCents,
    startedAt: plan.startedAt,
    expiresAt: state.now() + target.days * DAY_MS,
  }
  conn.updatedAt = state.now()
  return {
    active_plan: planJson(conn.plan),
    ...(body.coupon_code !== undefined ? { coupon_code: body.coupon_code } : {}),
    is_coupon_applied: price.applied,
  }
}

/** `days` must be a multiple of the plan's length; an expired plan is prolonged from now. */
export function prolongatePlan(state: SimState, connId: string, body: ProlongatePlanRequest) {
  const conn = getConnection(state, connId)
  const plan = currentPlan(conn, body.active_plan)
  if (body.days % plan.days !== 0) {
    throw new ApiError(400, 'validation_failed', `days must be a multiple of the plan's ${plan.days} days (${plan.days}, ${plan.days * 2}, ${plan.days * 3}…)`, 'days')
  }
  const price = discounted((plan.priceCents * body.days) / plan.days, body.coupon_code)
  charge(state, price.cents)
  const now = state.now()
  const wasExpired = plan.expiresAt <= now
  conn.plan = {
    ...plan,
    ...(wasExpired ? { id: randomId(), startedAt: now } : {}),
    expiresAt: Math.max(plan.expiresAt, now) + body.days * DAY_MS,
  }
  conn.updatedAt = now
  return { is_coupon_applied: price.applied, active_plan: planJson(conn.plan) }
}
