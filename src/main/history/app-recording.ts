/**
 * What the app sees and does, written into the history as it passes through the handler table: the one place
 * that lists which calls leave a trace (check results come from the health service itself, check-history.ts).
 *
 *   connections.list         the connections' names (the board and the IP-reuse view show them)
 *   connections.statuses     status changes (only changes are stored: recorder.ts compares with the last one)
 *   stats.ipHistory          exit IPs from the Console API's IP history
 *   health.rotateAndVerify   a `change_ip` action per connection with its outcome, and the old and new exit IPs;
 *                            one that timed out still on the old IP is told to the fleet watch (`listeners.ipNotChanged`),
 *                            a new IP the connection had before too (`listeners.ipRepeated`). Bulk runs and rules record
 *                            their changes of IP with the same recordRotation (main/bulk/connection-actions.ts).
 *   connections.pushCommand  the command (reboot, changeip, ...) with its outcome
 *   connections.updateSettings / updateBasicInfo / changePlan / prolongatePlan, actionLinks.execute: likewise
 *
 * Recording never changes a call's answer: a call that failed is recorded as failed and its error passed on
 * unchanged, and a history write that fails is logged, never thrown at the page.
 */
import type { RotateVerifyResult } from '../../shared/health'
import type { ActionBy, ActionRecord } from '../../shared/history'
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

/**
 * Who else hears of what passes: the fleet watch, told of a change of IP that left the same exit IP, and of one
 * that landed on an exit IP the connection had before (`returnedAfterMs` since it last left the connection).
 */
export interface RecordingListeners {
  ipNotChanged?(connectionId: string, ip: string): void
  ipRepeated?(connectionId: string, ip: string, returnedAfterMs: number): void
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
    for (const result of results) recordRotation(store, result, startedAt, { by: 'user', listeners, log })
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

export interface RotationRecording {
  by: ActionBy
  /**
   * The bulk run or rule run this change of IP is a step of. Its step, written by the run (history/audit.ts), is
   * then the `change_ip` action, with the same detail (the returned record's): none is written here.
   */
  inRun?: string
  listeners?: RecordingListeners
  log: Logger
}

/**
 * One connection's change-IP-and-verify in the history, wherever it came from (the page's call, a bulk run, a
 * rule): each exit IP it saw (the old one before the command), the `change_ip` action, and what the fleet watch
 * hears of it. Never throws: what cannot be written is logged. Returns the action (written or not, see `inRun`).
 */
export function recordRotation(store: HistoryStore, result: RotateVerifyResult, startedAt: number, options: RotationRecording): ActionRecord {
  const now = Date.now()
  const { listeners = {}, log } = options
  const attempt = <T>(what: string, write: () => T): T | undefined => {
    try {
      return write()
    } catch (err) {
      log(`could not record ${what} in the history`, err)
      return undefined
    }
  }
  const action: ActionRecord = {
    connectionId: result.connectionId,
    kind: 'change_ip',
    detail: rotationDetail(result),
    outcome: result.ok ? 'ok' : 'failed',
    ...(result.ok ? {} : { error: result.message }),
    by: options.by,
    at: now,
  }
  const what = `the change of IP of ${result.connectionId}`
  if (result.oldIp) attempt(what, () => store.recordExitIp(result.connectionId, result.oldIp!, 'change_ip', startedAt))
  const seen = result.newIp ? attempt(what, () => store.recordExitIp(result.connectionId, result.newIp!, 'change_ip', now)) : undefined
  if (options.inRun === undefined) attempt(what, () => store.recordAction(action))
  // The exit IP was still the old one when the wait ran out: the watch's `ip_not_changed`. A timeout on a new IP
  // that was used too recently (ip_change_wait_unique) did change the IP, and is not one.
  if (result.status === 'timeout' && result.oldIp && result.lastIp === result.oldIp) attempt('an unchanged IP for the watch', () => listeners.ipNotChanged?.(result.connectionId, result.oldIp!))
  // The new IP is one this connection had before: the watch's `ip_repeated` (rules decide how recent matters).
  if (result.newIp && seen?.returnedAfterMs !== undefined) attempt('a repeated IP for the watch', () => listeners.ipRepeated?.(result.connectionId, result.newIp!, seen.returnedAfterMs!))
  return action
}

/** What a change of IP found, flat (the `change_ip` action's detail and a bulk item's). */
export function rotationDetail(result: RotateVerifyResult): Record<string, string | number | boolean> {
  return {
    status: result.status,
    ...(result.oldIp ? { oldIp: result.oldIp } : {}),
    ...(result.newIp ? { newIp: result.newIp } : {}),
    seconds: result.seconds,
    attempts: result.attempts,
  }
}

function withoutAction(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const { action: _action, ...rest } = body
  return Object.keys(rest).length > 0 ? rest : undefined
}
