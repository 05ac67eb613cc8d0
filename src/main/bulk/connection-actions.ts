/**
 * One thing done to one connection, for bulk runs and rule chains alike (types.ts ConnectionActions): a seed
 * command, change IP and verify, settings, prolong, its OpenVPN files, or a check of its proxies. Never throws:
 * an error becomes `failed` with its reason in words (the bridge's wording of it, so no secret), and what could
 * not be tried at all is `skipped` with why.
 *
 * A change of IP is recorded in the history exactly as the page's is (history/app-recording.ts recordRotation):
 * the exit IPs it saw, and the fleet watch hears of an unchanged or a repeated IP. Inside a run, the run's step is
 * the `change_ip` action (written by the run through the AuditWriter), so no second one is written here.
 */
import { mkdir } from 'node:fs/promises'
import type { UiLanguage } from '../../shared/bridge'
import type { HealthItemResult, RotateVerifyResult } from '../../shared/health'
import type { UpdateSettingsRequest } from '../../shared/iproxy'
import { toBridgeError } from '../bridge-errors'
import { ovpnStem } from '../exports/file-names'
import { loadOvpnConfigs, writeOvpnFolder, type LoadedOvpn } from '../exports/ovpn-files'
import { scriptsToConfirm } from '../exports/ovpn-scripts'
import { recordRotation, rotationDetail, type RecordingListeners } from '../history/app-recording'
import type { HistoryStore } from '../history/store'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import type { ActionContext, ConnectionActions, ConnectionStep, StepOutcome } from './types'
import { BULK_REASON_CODES, BULK_WORDS, type BulkWords } from './words'

/** What the health service does for these steps (main/health/service.ts). */
export interface ActionsHealth {
  rotateAndVerify(connectionIds: string[], opts: { signal?: AbortSignal; timeoutMs?: number }): Promise<RotateVerifyResult[]>
  check(item: { proxyId: string; connectionId: string }): Promise<HealthItemResult>
}

export interface ConnectionActionsDeps {
  client: () => IproxyClient
  health: ActionsHealth
  /** Where changes of IP are recorded; absent (a command line without the app's history), they are not. */
  history?: HistoryStore
  /** The fleet watch, told of a change of IP that left the same IP or landed on one the connection had before. */
  listeners?: RecordingListeners
  log: Logger
  /** The language reasons are given in (English unless told). */
  language?: () => UiLanguage
}

type Flat = Record<string, string | number | boolean>

export function createConnectionActions(deps: ConnectionActionsDeps): ConnectionActions {
  const words = (): BulkWords => BULK_WORDS[deps.language?.() ?? 'en']
  const skipped = (key: keyof typeof BULK_REASON_CODES, reason: string, detail?: Flat): StepOutcome => ({
    outcome: 'skipped',
    reason,
    code: BULK_REASON_CODES[key],
    ...(detail ? { detail } : {}),
  })

  async function changeIp(connectionId: string, timeoutSeconds: number | undefined, signal: AbortSignal, context: ActionContext): Promise<StepOutcome> {
    // Asked first, so "no proxy" is told apart from a failed request (the rotation says both as `no_proxy`).
    const proxies = await deps.client().proxies.listByConnection(connectionId, { signal })
    if (proxies.length === 0) return skipped('noProxy', words().noProxy)
    const startedAt = Date.now()
    const [result] = await deps.health.rotateAndVerify([connectionId], { signal, ...(timeoutSeconds ? { timeoutMs: timeoutSeconds * 1000 } : {}) })
    if (!result) throw new Error('the change of IP gave no result')
    if (deps.history) {
      recordRotation(deps.history, result, startedAt, {
        by: context.by,
        ...(context.runId !== undefined ? { inRun: context.runId } : {}),
        ...(deps.listeners ? { listeners: deps.listeners } : {}),
        log: deps.log,
      })
    }
    const detail = rotationDetail(result)
    return result.ok ? { outcome: 'ok', detail } : { outcome: 'failed', reason: result.message, code: `change_ip_${result.status}`, detail }
  }

  async function check(connectionId: string, signal: AbortSignal): Promise<StepOutcome> {
    const proxies = await deps.client().proxies.listByConnection(connectionId, { signal })
    if (proxies.length === 0) return skipped('noProxy', words().noProxy)
    const results = await Promise.all(proxies.map((p) => deps.health.check({ proxyId: p.id, connectionId })))
    const failed = results.filter((r) => !r.result.ok)
    const exitIp = results.find((r) => r.result.exitIp)?.result.exitIp
    const detail: Flat = { proxies: results.length, passed: results.length - failed.length, ...(exitIp ? { exitIp } : {}) }
    if (failed.length === 0) return { outcome: 'ok', detail }
    const first = failed[0]!.result
    return { outcome: 'failed', reason: words().checkFailed(failed.length, results.length, first.error ?? first.status), code: BULK_REASON_CODES.checkFailed, detail }
  }

  async function prolong(connectionId: string, days: number, signal: AbortSignal): Promise<StepOutcome> {
    const client = deps.client()
    const plan = (await client.connections.get(connectionId, { signal })).plan_info?.active_plan
    if (!plan) return skipped('noActivePlan', words().noActivePlan)
    // The plan as the API showed it just now: the server refuses a prolongation based on a stale view.
    const active_plan = { id: plan.id, started_at: plan.started_at, expires_at: plan.expires_at }
    const result = await client.connections.prolongatePlan(connectionId, { active_plan, days }, { signal })
    return { outcome: 'ok', detail: { days, planId: result.active_plan.id, expiresAt: result.active_plan.expires_at } }
  }

  async function ovpn(connectionId: string, dir: string, signal: AbortSignal): Promise<StepOutcome> {
    const client = deps.client()
    const [accesses, connection] = await Promise.all([
      client.vpn.listByConnection(connectionId, { signal }),
      client.connections.get(connectionId, { signal }),
    ])
    if (accesses.length === 0) return skipped('noVpn', words().noVpn)
    const loaded = await loadOvpnConfigs(
      accesses.map((a) => ({ name: ovpnStem(connection.basic_info.name, a.name), load: () => client.vpn.getConfig(connectionId, a.id, { signal }) })),
    )
    // A config that would run a program when opened is saved only after a person has read it (the VPN tab asks).
    const risky = new Set(scriptsToConfirm(loaded.filter((c): c is Extract<LoadedOvpn, { bytes: Buffer }> => 'bytes' in c)).map((s) => s.name))
    await mkdir(dir, { recursive: true })
    const result = await writeOvpnFolder(dir, loaded.filter((c) => !risky.has(c.name)))
    const detail: Flat = { files: result.written.length, ...(risky.size > 0 ? { heldBack: risky.size } : {}), dir }
    if (result.failed.length > 0) {
      const first = result.failed[0]!
      return { outcome: 'failed', reason: first.reason, ...(first.code ? { code: first.code } : {}), detail }
    }
    if (risky.size > 0) return { outcome: 'failed', reason: words().scriptsHeldBack(risky.size), code: BULK_REASON_CODES.scriptsHeldBack, detail }
    return { outcome: 'ok', detail }
  }

  async function perform(step: ConnectionStep, connectionId: string, signal: AbortSignal, context: ActionContext): Promise<StepOutcome> {
    const client = deps.client()
    switch (step.kind) {
      case 'command': {
        const body = step.command === 'toggle_proxy' ? { action: 'toggle_proxy' as const, toggle_proxy_params: { enabled: step.enabled === true } } : { action: step.command }
        const sent = await client.connections.pushCommand(connectionId, body, { signal })
        return { outcome: 'ok', detail: { command: step.command, ...(step.command === 'toggle_proxy' ? { enabled: step.enabled === true } : {}), ...(sent.message ? { message: sent.message } : {}) } }
      }
      case 'change_ip_verify':
        return changeIp(connectionId, step.timeoutSeconds, signal, context)
      case 'settings': {
        await client.connections.updateSettings(connectionId, step.settings, { signal })
        return { outcome: 'ok', detail: flatSettings(step.settings) }
      }
      case 'prolong':
        return prolong(connectionId, step.days, signal)
      case 'ovpn':
        return ovpn(connectionId, step.dir, signal)
      case 'check':
        return check(connectionId, signal)
    }
  }

  return {
    async run(step, connectionId, signal, context = { by: 'user' }) {
      try {
        return await perform(step, connectionId, signal, context)
      } catch (err) {
        const described = toBridgeError(err, deps.log)
        return { outcome: 'failed', reason: described.message, code: described.code }
      }
    },
  }
}

/** Settings as a flat record (lists joined), for a step's detail and the CSV. */
export function flatSettings(settings: UpdateSettingsRequest): Flat {
  const out: Flat = {}
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    if (value === undefined) continue
    out[key] = Array.isArray(value) ? value.join(' ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as string | number | boolean)
  }
  return out
}
