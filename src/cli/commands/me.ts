/** `iproxy me`: the account, its balance, and a summary of its connections' plans. */
import type { Command } from 'commander'
import type { Connection } from '../../shared/iproxy'
import { errorEntry } from '../errors'
import { EXIT, type ExitCode } from '../exit-codes'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'

const DAY_MS = 86_400_000
export const SOON_DAYS = 7

export interface PlanSummary {
  connections: number
  active: number
  expiringWithin7Days: number
  expired: number
  none: number
  /** The soonest expiry among active plans (ISO 8601), or null. */
  nextExpiry: string | null
}

export function planSummary(connections: readonly Connection[], now = Date.now()): PlanSummary {
  const summary: PlanSummary = { connections: connections.length, active: 0, expiringWithin7Days: 0, expired: 0, none: 0, nextExpiry: null }
  let next = Number.POSITIVE_INFINITY
  for (const c of connections) {
    const expires = c.plan_info?.active_plan?.expires_at
    const at = expires ? Date.parse(expires) : Number.NaN
    if (!expires || Number.isNaN(at)) summary.none += 1
    else if (at <= now) summary.expired += 1
    else {
      summary.active += 1
      if (at - now <= SOON_DAYS * DAY_MS) summary.expiringWithin7Days += 1
      if (at < next) {
        next = at
        summary.nextExpiry = new Date(at).toISOString()
      }
    }
  }
  return summary
}

export function registerMe(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(program.command('me').description('the account: who, balance, and a summary of its plans'))
    .addHelpText('after', '\nExample:\n  iproxy me --demo\n  iproxy me --json --profile Work')
    .action((flags: CommonFlags) =>
      run(() =>
        withAccount(ctx, flags, async ({ client }) => {
          const [me, connections] = await Promise.allSettled([client.me.get(), client.connections.list()])
          if (me.status === 'rejected') throw me.reason
          const user = me.value
          const plans = connections.status === 'fulfilled' ? planSummary(connections.value) : null
          const errors = connections.status === 'rejected' ? [errorEntry(connections.reason, ctx.keySource)] : []
          if (flags.json) {
            ctx.out.json({ id: user.id, username: user.username, email: user.email, displayName: user.display_name ?? null, balance: user.balance, plans, errors })
          } else {
            const { out } = ctx
            out.line(`${out.paint('bold', user.display_name || user.username)} (${user.username}, ${user.email})`)
            out.line(`Balance:     ${user.balance}`)
            if (plans) {
              out.line(`Connections: ${plans.connections}`)
              const soon = plans.expiringWithin7Days > 0 ? out.paint('yellow', `, ${plans.expiringWithin7Days} expiring within ${SOON_DAYS} days`) : ''
              out.line(`Plans:       ${plans.active} active${soon}, ${plans.expired} expired, ${plans.none} without a plan`)
              if (plans.nextExpiry) out.line(`Next expiry: ${plans.nextExpiry}`)
            }
          }
          for (const e of errors) ctx.out.error(e.code, `the plan summary could not be read: ${e.message}`)
          return errors.length > 0 ? EXIT.failed : EXIT.ok
        }),
      ),
    )
}
