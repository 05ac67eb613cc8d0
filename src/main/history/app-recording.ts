/**
 * What the app sees and does, written into the history as it passes through the handler table: the one place
 * that lists which calls leave a trace (check results come from the health service itself, check-history.ts).
 *
 *   connections.list         the connections' names (the board and the IP-reuse view show them)
 *   connections.statuses     status changes (only changes are stored: recorder.ts compares with the last one)
 *   stats.ipHistory          exit IPs from the Console API's IP history
 *   health.rotateAndVerify   a `change_ip` action per connection with its outcome, and the old and new exit IPs;
 *                            one that timed out still on the old IP is told to the fleet watch (`listeners.ipNotChanged`)
 *   connections.pushCommand  the command (reboot, changeip, ...) with its outcome
 *   connections.updateSettings / updateBasicInfo / changePlan / prolongatePlan, actionLinks.execute: likewise
 *
 * Recording never changes a call's answer: a call that failed is recorded as failed and its error passed on
 * unchanged, and a history write that fails is logged, never thrown at the page.
 */
import type { RotateVerifyResult } from '../../shared/health'
import type { ActionRecord } from '../../shared/history'
import type { CallName } from '../../shared/bridge'
import type { Implementations } from '../handler-table'
import type { Logger } from '../log'
import type { HistoryStore } from './store'

type Handler<N extends CallName> = Implementations[N]
type Input<N extends CallName> = Parameters<Handler<N>>[0]
type Result<N extends CallName> = Awaited<ReturnType<Handler<N>>>

/** An action call: which connection, what was done (kind and detail) for its input. */
interface ActionSpec<N extends CallName> {
  connectionId(input: Input<N>): string
  kind(input: Input<N>): string
  detail?(input: Input<N>): ActionRecord['detail']
}

const ACTIONS: { [N in CallName]?: ActionSpec<N> } = {
  'connections.pushCommand': { connectionId: (i) => i.connId, kind: (i) => String(i.body.action), detail: (i) => withoutAction(i.body) },
  'connections.updateSettings': { connectionId: (i) => i.connId, kind: () => 'settings', detail: (i) => ({ ...i.body }) },
  'connections.updateBasicInfo': { connectionId: (i) => i.connId, kind: () => 'basic_info', detail: (i) => ({ ...i.body }) },
  'connections.changePlan': { connectionId: (i) => i.connId, kind: () => 'change_plan', detail: (i) => ({ ...i.body }) },
  'connections.prolongatePlan': { connectionId: (i) => i.connId, kind: () => 'prolongate_plan', detail: (i) => ({ ...i.body }) },
  'actionLinks.execute': { connectionId: (i) => i.connId, kind: () => 'action_link', detail: (i) => ({ linkId: i.linkId }) },
}

/** Who else hears of what passes: the fleet watch, told of a change of IP that left the same exit IP. */
export interface RecordingListeners {
  ipNotChanged?(connectionId: string, ip: string): void
}

/** `implementations` with the recording points above wrapped around their calls. */
export function withHistoryRecording(implementations: Implementations, store: HistoryStore, log: Logger, listeners: RecordingListeners = {}): Implementations {
  const out: Implementations = { ...implementations }
  const record = (what: string, write: () => unknown) => {
    try {
      write()
    } catch (err) {
      log(`could not record ${what} in the history`, err)
    }
  }
  const after = <N extends CallName>(name: N, use: (result: Result<N>, input: Input<N>, startedAt: number) => void) => {
    const inner = implementations[name] as (input: Input<N>) => Promise<Result<N>> | Result<N>
    ;(out as Record<N, unknown>)[name] = async (input: Input<N>) => {
      const startedAt = Date.now()
      const result = await inner(input)
      use(result, input, startedAt)
      return result
    }
  }

  after('connections.list', (list) =>
    record('connection names', () => store.recordConnectionNames(list.map((c) => ({ connectionId: c.id, name: c.basic_info.name })))),
  )
  after('connections.statuses', (statuses) => record('connection statuses', () => store.recordStatuses(statuses)))
  after('stats.ipHistory', (entries, input) => record(`the IP history of ${input.connId}`, () => store.recordIpHistory(input.connId, entries)))
  after('health.rotateAndVerify', (results, _input, startedAt) => {
    for (const result of results) {
      record(`the change of IP of ${result.connectionId}`, () => recordRotation(store, result, startedAt))
      // The exit IP was still the old one when the wait ran out: the watch's `ip_not_changed`. A timeout on a new IP
      // that was used too recently (ip_change_wait_unique) did change the IP, and is not one.
      if (result.status === 'timeout' && result.oldIp && result.lastIp === result.oldIp) record('an unchanged IP for the watch', () => listeners.ipNotChanged?.(result.connectionId, result.oldIp!))
    }
  })

  for (const [name, spec] of Object.entries(ACTIONS) as Array<[CallName, ActionSpec<CallName>]>) {
    const inner = implementations[name] as (input: unknown) => unknown
    ;(out as Record<string, unknown>)[name] = async (input: Input<CallName>) => {
      const action = { connectionId: spec.connectionId(input), kind: spec.kind(input), by: 'user' as const }
      const detail = spec.detail?.(input)
      const base = detail === undefined ? action : { ...action, detail }
      try {
        const result: unknown = await inner(input)
        record(`${action.kind} on ${action.connectionId}`, () => store.recordAction({ ...base, outcome: 'ok' }))
        return result
      } catch (err) {
        record(`${action.kind} on ${action.connectionId}`, () => store.recordAction({ ...base, outcome: 'failed', error: err instanceof Error ? err.message : String(err) }))
        throw err
      }
    }
  }
  return out
}

/** One connection's change-IP-and-verify: the action, and each exit IP it saw (the old one before the command). */
function recordRotation(store: HistoryStore, result: RotateVerifyResult, startedAt: number): void {
  const now = Date.now()
  if (result.oldIp) store.recordExitIp(result.connectionId, result.oldIp, 'change_ip', startedAt)
  if (result.newIp) store.recordExitIp(result.connectionId, result.newIp, 'change_ip', now)
  store.recordAction({
    connectionId: result.connectionId,
    kind: 'change_ip',
    detail: {
      status: result.status,
      ...(result.oldIp ? { oldIp: result.oldIp } : {}),
      ...(result.newIp ? { newIp: result.newIp } : {}),
      seconds: result.seconds,
      attempts: result.attempts,
    },
    outcome: result.ok ? 'ok' : 'failed',
    ...(result.ok ? {} : { error: result.message }),
    by: 'user',
    at: now,
  })
}

function withoutAction(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const { action: _action, ...rest } = body
  return Object.keys(rest).length > 0 ? rest : undefined
}
