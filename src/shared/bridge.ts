/**
 * The IPC bridge: assembles every domain's contract (contract/<domain>.ts) into one, and builds the bridge from
 * it: channel names, envelopes, `createBridge` for the preload and the e2e harness, `unwrapBridge` for the page.
 *
 * Channel names are derived from the contract's keys (`"<domain>.<call>"`, events `"event:<domain>.<name>"`),
 * never written as string literals elsewhere. Each call carries the zod schema its handler parses the input
 * with; the result type is carried as a phantom type only (results are produced by our own main process).
 *
 * To find a call: `contract/<domain>.ts` declares it, `main/<domain>/calls.ts` (named at the top of the contract
 * file) maps it to the service that does it.
 *
 * This file is pure TypeScript: the preload, the main process, the renderer and the e2e harness all import it.
 */
import type { z } from 'zod'
import { accountContract } from './contract/account'
import { actionLinksContract } from './contract/action-links'
import { appContract } from './contract/app'
import { bulkContract } from './contract/bulk'
import { connectionsContract } from './contract/connections'
import { exportsContract } from './contract/exports'
import { healthContract } from './contract/health'
import { historyContract } from './contract/history'
import type { CallSpec, EventSpec } from './contract/kit'
import { profilesContract } from './contract/profiles'
import { proxiesContract } from './contract/proxies'
import { relayContract } from './contract/relay'
import { rulesContract } from './contract/rules'
import { statsContract } from './contract/stats'
import { supportContract } from './contract/support'
import { vpnContract } from './contract/vpn'
import { watchContract } from './contract/watch'

/** The app-wide words of the contract (the `app.info` result, the interface language), read with the bridge. */
export type { AppInfo, UiLanguage } from './contract/app'

/** What a failed call looks like on the renderer side: something a person can read and act on. */
export interface BridgeErrorShape {
  code: string
  message: string
  details?: unknown
}

// ---------------------------------------------------------------------------------------------------------
// The contract: each domain's calls and events, from its own file. A new domain adds its file and one line here.
// ---------------------------------------------------------------------------------------------------------

export const calls = {
  app: appContract.calls,
  account: accountContract.calls,
  profiles: profilesContract.calls,
  connections: connectionsContract.calls,
  proxies: proxiesContract.calls,
  vpn: vpnContract.calls,
  stats: statsContract.calls,
  actionLinks: actionLinksContract.calls,
  health: healthContract.calls,
  exports: exportsContract.calls,
  history: historyContract.calls,
  support: supportContract.calls,
  relay: relayContract.calls,
  watch: watchContract.calls,
  bulk: bulkContract.calls,
  rules: rulesContract.calls,
} as const

export const events = {
  health: healthContract.events,
  watch: watchContract.events,
  bulk: bulkContract.events,
  rules: rulesContract.events,
} as const

// ---------------------------------------------------------------------------------------------------------
// Types derived from the contract
// ---------------------------------------------------------------------------------------------------------

type Calls = typeof calls
type Events = typeof events

type AnyCall = CallSpec<z.ZodType, unknown>

/** `"app.info" | ...`: every call's channel name. */
export type CallName = {
  [D in keyof Calls]: { [C in keyof Calls[D]]: `${D & string}.${C & string}` }[keyof Calls[D]]
}[keyof Calls]

type SpecOf<N extends CallName> = N extends `${infer D}.${infer C}`
  ? D extends keyof Calls
    ? C extends keyof Calls[D]
      ? Calls[D][C]
      : never
    : never
  : never

export type CallInput<N extends CallName> = SpecOf<N> extends CallSpec<infer I, unknown> ? z.input<I> : never
export type ParsedCallInput<N extends CallName> = SpecOf<N> extends CallSpec<infer I, unknown> ? z.output<I> : never
export type CallResult<N extends CallName> = SpecOf<N> extends CallSpec<z.ZodType, infer R> ? R : never

export type EventName = {
  [D in keyof Events]: { [E in keyof Events[D]]: `${D & string}.${E & string}` }[keyof Events[D]]
}[keyof Events]

type EventSpecOf<N extends EventName> = N extends `${infer D}.${infer E}`
  ? D extends keyof Events
    ? E extends keyof Events[D]
      ? Events[D][E]
      : never
    : never
  : never

export type EventPayload<N extends EventName> = EventSpecOf<N> extends EventSpec<infer P> ? P : never

/** What crosses the IPC boundary for a call: never a thrown Error, whose fields Electron would drop. */
export type Envelope<R> = { ok: true; value: R } | { ok: false; error: BridgeErrorShape }

/** Every call of the contract, flattened: `[["app.info", spec], ...]`. */
export function listCalls(): Array<[CallName, AnyCall]> {
  const out: Array<[CallName, AnyCall]> = []
  for (const [domain, group] of Object.entries(calls)) {
    for (const [name, spec] of Object.entries(group as Record<string, AnyCall>)) {
      out.push([`${domain}.${name}` as CallName, spec])
    }
  }
  return out
}

export function getCallSpec(name: string): AnyCall | undefined {
  const dot = name.indexOf('.')
  if (dot < 0) return undefined
  const group = (calls as Record<string, Record<string, AnyCall>>)[name.slice(0, dot)]
  const key = name.slice(dot + 1)
  return group && Object.prototype.hasOwnProperty.call(group, key) ? group[key] : undefined
}

export function listEvents(): EventName[] {
  const out: EventName[] = []
  for (const [domain, group] of Object.entries(events)) {
    for (const name of Object.keys(group)) out.push(`${domain}.${name}` as EventName)
  }
  return out
}

/** The IPC channel an event travels on; kept apart from call channels so the two can never collide. */
export const eventChannel = (name: EventName): string => `event:${name}`

// ---------------------------------------------------------------------------------------------------------
// The renderer's view: window.iproxy
// ---------------------------------------------------------------------------------------------------------

/** A failed call, as the renderer sees it. */
export class BridgeError extends Error implements BridgeErrorShape {
  readonly code: string
  readonly details?: unknown
  constructor(shape: BridgeErrorShape) {
    super(shape.message)
    this.name = 'BridgeError'
    this.code = shape.code
    if (shape.details !== undefined) this.details = shape.details
  }
}

type CallFn<N extends CallName, Out> = undefined extends CallInput<N>
  ? (input?: CallInput<N>) => Promise<Out>
  : (input: CallInput<N>) => Promise<Out>

type Listen = <N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void) => () => void

/**
 * `window.iproxy`, as the preload exposes it. Calls resolve to envelopes rather than rejecting, because Electron's
 * contextBridge drops every custom property of an Error it passes (the `code` the renderer needs would be lost).
 */
export type RawBridge = {
  [D in keyof Calls]: { [C in keyof Calls[D]]: CallFn<`${D & string}.${C & string}` & CallName, Envelope<CallResult<`${D & string}.${C & string}` & CallName>>> }
} & { on: Listen }

/** The renderer's API: calls resolve to their result or reject with a `BridgeError`. */
export type IproxyApi = {
  [D in keyof Calls]: { [C in keyof Calls[D]]: CallFn<`${D & string}.${C & string}` & CallName, CallResult<`${D & string}.${C & string}` & CallName>> }
} & {
  /** Listen to a main-process event; returns the function that stops listening. */
  on: Listen
}

export type Invoke = (channel: string, input: unknown) => Promise<Envelope<unknown>>
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void

/**
 * Builds `window.iproxy` from a transport: the preload passes `ipcRenderer.invoke`, the e2e harness passes a
 * Playwright binding that reaches the very same handler table.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe): RawBridge {
  const bridge: Record<string, unknown> = {}
  for (const [domain, group] of Object.entries(calls)) {
    const fns: Record<string, (input?: unknown) => Promise<Envelope<unknown>>> = {}
    for (const name of Object.keys(group)) {
      const channel = `${domain}.${name}`
      fns[name] = (input?: unknown) => invoke(channel, input)
    }
    bridge[domain] = Object.freeze(fns)
  }
  bridge.on = (name: EventName, listener: (payload: unknown) => void) => subscribe(eventChannel(name), listener)
  return Object.freeze(bridge) as RawBridge
}

/** The renderer's side of the bridge: unwraps each envelope into a result or a thrown `BridgeError`. */
export function unwrapBridge(raw: RawBridge): IproxyApi {
  const api: Record<string, unknown> = {}
  const rawGroups = raw as unknown as Record<string, Record<string, (input?: unknown) => Promise<Envelope<unknown>>>>
  for (const [domain, group] of Object.entries(calls)) {
    const fns: Record<string, (input?: unknown) => Promise<unknown>> = {}
    for (const name of Object.keys(group)) {
      fns[name] = async (input?: unknown) => {
        const envelope = await rawGroups[domain]![name]!(input)
        if (envelope.ok) return envelope.value
        throw new BridgeError(envelope.error)
      }
    }
    api[domain] = Object.freeze(fns)
  }
  api.on = raw.on
  return Object.freeze(api) as IproxyApi
}
