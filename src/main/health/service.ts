/**
 * The health service behind the `health` domain: single checks, batches with coalesced progress events, change
 * IP and verify, per-proxy history and the settings. Account proxies are looked up through the active profile's
 * client, so their passwords never travel back from the page.
 */
import { randomUUID } from 'node:crypto'
import {
  emptyCounts,
  healthItemKey,
  targetKey,
  type HealthBatchStarted,
  type HealthCheckResult,
  type HealthHistoryEntry,
  type HealthItem,
  type HealthItemResult,
  type HealthProgress,
  type HealthSettings,
  type HealthTarget,
  type ParsedList,
  type PastedTarget,
  type ProtocolChoice,
  type RotateVerifyResult,
} from '../../shared/health'
import type { ProxyAccess } from '../../shared/iproxy'
import type { ParsedProxyList } from '../../shared/proxy-list/types'
import { AppError } from '../app-error'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import { checkProxy, type CheckOptions } from './check-proxy'
import { createCheckLimiter } from './check-limiter'
import { checkDetectingProtocol } from './detect-protocol'
import { checkManyWith } from './check-many'
import { createHealthHistory, type HealthHistory } from './history'
import { sharedHostResolver } from './resolve-host'
import { rotateAndVerify, targetOfAccess } from './rotate'
import { createHealthSettingsStore } from './settings'

export interface HealthServiceOptions {
  dataDir: string
  log: Logger
  emitProgress: (payload: HealthProgress) => void
  /** The active profile's API client (throws AppError('no_active_profile') when there is none). */
  client: () => IproxyClient
  /** The simulator's echo URL while the demo profile is active; undefined otherwise (the settings' URLs are used). */
  demoEchoUrl: () => Promise<string | undefined>
  /** The pasted-list parser (parseProxyLines from shared/proxy-list/parse.ts). */
  parse: (text: string) => ParsedProxyList
  /** Least time between two progress events of a batch (100 ms: at most ~10 a second). */
  progressIntervalMs?: number
  /** Time between checks while waiting for a new IP (2 s). */
  rotatePollMs?: number
  historyWriteDelayMs?: number
  /** Where check results are kept: the app's history database; health-history.json when absent (the command line). */
  history?: HealthHistory
  /** Checks in flight at most across every batch and run (MAX_CONCURRENT_CHECKS; tests lower it). */
  maxConcurrentChecks?: number
  /** Resolves proxy host names (resolve-host.ts; the app's shared resolver unless given). */
  resolveHost?: (host: string) => Promise<string>
}

export interface RotateRunOptions {
  proxyId?: string
  timeoutMs?: number
  /** Cancels the run: connections not done yet end as `cancelled`. */
  signal?: AbortSignal
  /** A name the caller picks for the run, so that `cancelRotate(runId)` can stop it while it runs. */
  runId?: string
}

/** Connections whose expected IP is looked up in a batch at most; larger batches skip the comparison. */
const EXPECTED_IP_MAX_CONNECTIONS = 100

export type HealthService = ReturnType<typeof createHealthService>

const ECHO_SIDE_FAILURES = new Set(['target_error', 'bad_echo_response'])

export function labelOf(target: PastedTarget): string {
  return targetKey(target)
}

export function createHealthService(options: HealthServiceOptions) {
  const settings = createHealthSettingsStore({ dataDir: options.dataDir, log: options.log })
  const history =
    options.history ??
    createHealthHistory({
      dataDir: options.dataDir,
      log: options.log,
      ...(options.historyWriteDelayMs !== undefined ? { writeDelayMs: options.historyWriteDelayMs } : {}),
    })
  const batches = new Map<string, { controller: AbortController; done: Promise<void> }>()
  /** Change-IP runs in progress, by the caller's run id (or a generated one), for cancelRotate and dispose. */
  const rotations = new Map<string, AbortController>()
  const interval = options.progressIntervalMs ?? 100
  const limiter = createCheckLimiter(options.maxConcurrentChecks)
  const resolveHost = options.resolveHost ?? sharedHostResolver()

  async function echoUrls(s: HealthSettings): Promise<string[]> {
    const demo = await options.demoEchoUrl()
    return demo ? [demo] : s.echoUrls
  }

  /** Tries the echo URLs in order while the failure is the echo's own (an outage, a changed format). */
  /** Each echo in a slot of the global cap (check-limiter.ts); a check cancelled while waiting for one is `cancelled`. */
  async function checkWithEchoes(target: HealthTarget, opts: Omit<CheckOptions, 'echoUrl'>, urls: string[]): Promise<HealthCheckResult> {
    let last: HealthCheckResult | undefined
    for (const echoUrl of urls) {
      last = await limiter.run(() => checkProxy(target, { resolveHost, ...opts, echoUrl }), opts.signal)
      // Cancelled while waiting for a slot: checkProxy answers `cancelled` at once, opening nothing.
      if (!last) return checkProxy(target, { ...opts, echoUrl })
      if (!ECHO_SIDE_FAILURES.has(last.status)) return last
    }
    return last as HealthCheckResult
  }

  /** A pasted line without a protocol is tried as HTTP, then SOCKS5 (detect-protocol.ts says why). */
  function checkTarget(target: PastedTarget, opts: Omit<CheckOptions, 'echoUrl'>, urls: string[]): Promise<HealthCheckResult> {
    return checkDetectingProtocol(target, (t) => checkWithEchoes(t, opts, urls))
  }

  /** The IP the connection is known to use: its latest IP-history entry in the last two days. */
  function expectedIpLookup(client: IproxyClient) {
    const memo = new Map<string, Promise<string | undefined>>()
    return (connectionId: string): Promise<string | undefined> => {
      let p = memo.get(connectionId)
      if (!p) {
        const to = new Date()
        const from = new Date(to.getTime() - 2 * 86_400_000)
        p = client.stats
          .ipHistory(connectionId, { from, to })
          .then((entries) => {
            let latest: { date: string; ipv4?: string } | undefined
            for (const e of entries) if (e.ipv4 && (!latest || Date.parse(e.date) >= Date.parse(latest.date))) latest = e
            return latest?.ipv4
          })
          .catch(() => undefined)
        memo.set(connectionId, p)
      }
      return p
    }
  }

  interface Resolved {
    key: string
    label: string
    connectionId?: string
    proxyId?: string
    /** Undefined when the item could not be resolved (its proxy is gone); `problem` says why. */
    target?: PastedTarget
    problem?: string
  }

  function resolveAll(items: HealthItem[], accesses: Map<string, ProxyAccess> | undefined): Resolved[] {
    return items.map((item) => {
      if ('target' in item) {
        return { key: healthItemKey(item), label: item.label ?? labelOf(item.target), target: item.target }
      }
      const access = accesses?.get(item.proxyId)
      if (!access || access.connection_id !== item.connectionId) {
        return { key: item.proxyId, label: item.proxyId, connectionId: item.connectionId, proxyId: item.proxyId, problem: 'This proxy is no longer in the account. Refresh the list.' }
      }
      const target = targetOfAccess(access)
      return { key: item.proxyId, label: labelOf(target), connectionId: item.connectionId, proxyId: item.proxyId, target }
    })
  }

  async function accessesFor(items: HealthItem[]): Promise<{ client?: IproxyClient; accesses?: Map<string, ProxyAccess> }> {
    const account = items.filter((i): i is Extract<HealthItem, { proxyId: string }> => 'proxyId' in i)
    if (account.length === 0) return {}
    const client = options.client()
    const connections = new Set(account.map((i) => i.connectionId))
    const list =
      connections.size === 1 ? await client.proxies.listByConnection([...connections][0] as string) : await client.proxies.list()
    return { client, accesses: new Map(list.map((p) => [p.id, p])) }
  }

  function problemResult(problem: string): HealthCheckResult {
    // The only problem today is a proxy gone from the account: the page says so in its language by the reason code.
    return { ok: false, status: 'proxy_error', error: problem, reason: 'proxy_gone', timings: { totalMs: 0 }, checkedAt: new Date().toISOString() }
  }

  function itemResult(r: Resolved, result: HealthCheckResult): HealthItemResult {
    const out: HealthItemResult = { key: r.key, label: r.label, result }
    if (r.connectionId) out.connectionId = r.connectionId
    if (r.proxyId) out.proxyId = r.proxyId
    return out
  }

  return {
    async check(item: HealthItem, throughput = false): Promise<HealthItemResult> {
      const s = await settings.get()
      const urls = await echoUrls(s)
      const { client, accesses } = await accessesFor([item])
      const [r] = resolveAll([item], accesses) as [Resolved]
      if (!r.target) return itemResult(r, problemResult(r.problem ?? 'Unknown proxy.'))
      const opts: Omit<CheckOptions, 'echoUrl'> = { timeoutMs: s.timeoutMs }
      if (client && r.connectionId) {
        const expected = await expectedIpLookup(client)(r.connectionId)
        if (expected) opts.expectedIp = expected
      }
      if (throughput) opts.throughput = { url: s.throughputUrl, seconds: s.throughputSeconds }
      const result = await checkTarget(r.target, opts, urls)
      history.record(r.key, result, r.connectionId)
      return itemResult(r, result)
    },

    /** `timeoutMs` overrides the settings' timeout for this batch (the command line's --timeout). */
    async checkMany(items: HealthItem[], concurrency?: number, timeoutMs?: number): Promise<HealthBatchStarted> {
      const s = await settings.get()
      const urls = await echoUrls(s)
      const { client, accesses } = await accessesFor(items)
      const resolved = resolveAll(items, accesses)
      const batchId = randomUUID()
      const controller = new AbortController()
      const counts = emptyCounts()
      let done = 0
      let buffer: HealthItemResult[] = []
      let timer: NodeJS.Timeout | undefined
      let lastEmit = 0
      const emit = (finished: boolean) => {
        if (timer) clearTimeout(timer)
        timer = undefined
        lastEmit = Date.now()
        const payload: HealthProgress = { batchId, total: resolved.length, done, counts: { ...counts }, results: buffer, finished }
        buffer = []
        try {
          options.emitProgress(payload)
        } catch (err) {
          options.log('could not send health progress', err)
        }
      }
      const deliver = (r: Resolved, result: HealthCheckResult) => {
        done += 1
        counts[result.status] += 1
        buffer.push(itemResult(r, result))
        if (result.status !== 'cancelled') history.record(r.key, result, r.connectionId)
        if (!timer) timer = setTimeout(() => emit(false), Math.max(0, lastEmit + interval - Date.now()))
      }

      const runnable = resolved.filter((r) => r.target)
      const connectionCount = new Set(runnable.map((r) => r.connectionId).filter(Boolean)).size
      const lookup = client && connectionCount <= EXPECTED_IP_MAX_CONNECTIONS ? expectedIpLookup(client) : undefined
      const run = (async () => {
        for (const r of resolved) if (!r.target) deliver(r, problemResult(r.problem ?? 'Unknown proxy.'))
        await checkManyWith(
          runnable.map((r) => r.target as PastedTarget),
          {
            concurrency: concurrency ?? s.concurrency,
            timeoutMs: timeoutMs ?? s.timeoutMs,
            signal: controller.signal,
            echoUrl: urls[0] as string,
            check: (target, opts) => checkTarget(target, { ...opts }, urls),
            optionsFor: async (i) => {
              const cid = runnable[i]?.connectionId
              const expected = lookup && cid ? await lookup(cid) : undefined
              return expected ? { expectedIp: expected } : {}
            },
            onResult: (i, result) => deliver(runnable[i] as Resolved, result),
          },
        )
      })()
        .catch((err: unknown) => options.log('a health batch failed', err))
        .finally(() => {
          emit(true)
          batches.delete(batchId)
        })
      batches.set(batchId, { controller, done: run })
      return { batchId, total: resolved.length }
    },

    cancel(batchId: string): { cancelled: boolean } {
      const batch = batches.get(batchId)
      if (!batch) return { cancelled: false }
      batch.controller.abort()
      return { cancelled: true }
    },

    /** Resolves when the batch has finished (tests). */
    async settled(batchId: string): Promise<void> {
      await batches.get(batchId)?.done
    },

    async rotateAndVerify(connectionIds: string[], opts: RotateRunOptions = {}): Promise<RotateVerifyResult[]> {
      if (opts.proxyId && connectionIds.length !== 1) {
        throw new AppError('validation', 'A proxy can be chosen only when one connection is selected.')
      }
      if (opts.runId !== undefined && rotations.has(opts.runId)) throw new AppError('validation', 'A change-IP run with this id is already running.')
      const runId = opts.runId ?? randomUUID()
      const controller = new AbortController()
      const onAbort = () => controller.abort()
      if (opts.signal?.aborted) controller.abort()
      else opts.signal?.addEventListener('abort', onAbort, { once: true })
      rotations.set(runId, controller)
      try {
        const s = await settings.get()
        const urls = await echoUrls(s)
        const client = options.client()
        const results: RotateVerifyResult[] = new Array<RotateVerifyResult>(connectionIds.length)
        let next = 0
        const worker = async () => {
          while (next < connectionIds.length) {
            const i = next++
            const connId = connectionIds[i] as string
            results[i] = await rotateAndVerify(
              {
                client,
                check: (target, signal) => checkWithEchoes(target, { timeoutMs: s.timeoutMs, signal }, urls),
                ...(options.rotatePollMs !== undefined ? { pollMs: options.rotatePollMs } : {}),
              },
              connId,
              { ...(opts.proxyId ? { proxyId: opts.proxyId } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), signal: controller.signal },
            )
          }
        }
        await Promise.all(Array.from({ length: Math.min(10, connectionIds.length) }, worker))
        return results
      } finally {
        rotations.delete(runId)
        opts.signal?.removeEventListener('abort', onAbort)
      }
    },

    /** Stops the change-IP run started with `runId`: its connections not done yet end as `cancelled`. */
    cancelRotate(runId: string): { cancelled: boolean } {
      const run = rotations.get(runId)
      if (!run) return { cancelled: false }
      run.abort()
      return { cancelled: true }
    },

    history: (keys: string[]): Promise<Record<string, HealthHistoryEntry[]>> => history.get(keys),

    /** `defaultProtocol`: for lines that do not say; `auto` (try both) unless told. */
    parseList(text: string, defaultProtocol: ProtocolChoice = 'auto'): ParsedList {
      const parsed = options.parse(text)
      return {
        items: parsed.proxies.map((p) => {
          const target: PastedTarget = { protocol: p.service ?? defaultProtocol, host: p.host, port: p.port }
          if (p.login !== undefined) target.username = p.login
          if (p.password !== undefined) target.password = p.password
          return { lineNumber: p.lineNumber, label: labelOf(target), target, protocolAssumed: p.service === undefined }
        }),
        rejected: parsed.rejected.map((r) => ({ lineNumber: r.lineNumber, line: r.line, code: r.reason, reason: r.message })),
      }
    },

    settings: () => settings.get(),
    updateSettings: (patch: Partial<HealthSettings>) => settings.update(patch),

    async dispose(): Promise<void> {
      for (const b of batches.values()) b.controller.abort()
      for (const run of rotations.values()) run.abort()
      await Promise.all([...batches.values()].map((b) => b.done))
      await history.flush()
    },
  }
}
