/**
 * The IPC contract: every call the renderer can make and every event main can send, in one place.
 *
 * Channel names are derived from the contract's keys (`"<domain>.<call>"`, events `"event:<domain>.<name>"`),
 * never written as string literals elsewhere. Each call carries the zod schema its handler parses the input
 * with; the result type is carried as a phantom type only (results are produced by our own main process).
 *
 * This file is pure TypeScript: the preload, the main process, the renderer and the e2e harness all import it.
 */
import { z } from 'zod'
import { call } from './contract-kit'
import type { CallSpec, EventSpec } from './contract-kit'
import { exportsCalls } from './exports'
import { healthCalls, healthEvents } from './health'
import {
  changePlanRequestSchema,
  commandPushRequestSchema,
  createActionLinkRequestSchema,
  createConnectionRequestSchema,
  createOvpnAccessRequestSchema,
  createProxyAccessRequestSchema,
  deleteConnectionRequestSchema,
  modifyTeamAccessRequestSchema,
  prolongatePlanRequestSchema,
  recreateConnectionRequestSchema,
  removeTeamAccessRequestSchema,
  updateConnectionBasicInfoRequestSchema,
  updateOvpnAccessRequestSchema,
  updateProxyAccessRequestSchema,
  updateSettingsRequestSchema,
  updateUserBasicInfoRequestSchema,
} from './iproxy'
import type {
  ActionLink,
  CommandSent,
  Connection,
  ConnectionBasicInfoUpdate,
  ConnectionStatus,
  CreatedActionLink,
  CreatedConnection,
  Deleted,
  IpHistoryEntry,
  OvpnAccess,
  PinCode,
  PlanChangeResult,
  PortTraffic,
  ProxyAccess,
  RecreatedConnection,
  RemovedTeamAccess,
  SmsMessage,
  TeamAccess,
  TrafficByDay,
  UpdatedSettings,
  UptimeEntry,
  UserBasicInfo,
  UserInfo,
  ApiKeyResult,
} from './iproxy'
import { apiKeyInputSchema, baseUrlSchema, profileIdSchema, profileNameSchema } from './profiles'
import type { ProfileSummary } from './profiles'

export { call, event } from './contract-kit'
export type { CallSpec, EventSpec } from './contract-kit'

/** Input schema of calls that take nothing. Strict, so a stray argument is a validation error too. */
export const noInput = z.undefined()

const id = z.string().min(1, 'is required').max(128)
const onConnection = <B extends z.ZodType>(body: B) => z.strictObject({ connId: id, body })
/** Stats windows cross the bridge as RFC 3339 strings; the client checks them again before sending. */
const statsWindow = z.strictObject({ connId: id, from: z.string().min(1), to: z.string().min(1) })

// ---------------------------------------------------------------------------------------------------------
// Results shared across domains
// ---------------------------------------------------------------------------------------------------------

/** The languages of the interface (the renderer's translations; main's own few texts, such as dialog titles). */
export const UI_LANGUAGES = ['en', 'ru'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

export interface AppInfo {
  name: string
  version: string
  platform: 'darwin' | 'win32' | 'linux' | string
  demoMode: boolean
}

/** What a failed call looks like on the renderer side: something a person can read and act on. */
export interface BridgeErrorShape {
  code: string
  message: string
  details?: unknown
}

// ---------------------------------------------------------------------------------------------------------
// The contract, grouped by domain. Later issues add their calls to their domain.
// ---------------------------------------------------------------------------------------------------------

export const calls = {
  app: {
    info: call<AppInfo>()(noInput),
    /** Opens an https link on an allow-listed iProxy host in the user's browser. */
    openExternal: call<void>()(z.strictObject({ url: z.url() })),
    /** Puts text on the clipboard (the page itself may not: every permission, the clipboard's too, is denied). */
    copyText: call<void>()(z.strictObject({ text: z.string().min(1).max(1_000_000) })),
    /** The interface's language, for the text main shows itself (the native dialogs' titles). */
    setLanguage: call<void>()(z.strictObject({ language: z.enum(UI_LANGUAGES) })),
  },
  account: {
    /** The active account's user info (GET /me). */
    get: call<UserInfo>()(noInput),
    updateBasicInfo: call<UserBasicInfo>()(updateUserBasicInfoRequestSchema),
    /** Rotates the API key; the new key is stored in the keychain and only its hint comes back. */
    rotateApiKey: call<{ keyHint: string }>()(noInput),
  },
  profiles: {
    list: call<ProfileSummary[]>()(noInput),
    /** Verifies the key with iProxy, stores it in the keychain, and makes the new profile active. */
    add: call<ProfileSummary>()(
      z.strictObject({ name: profileNameSchema, apiKey: apiKeyInputSchema, baseUrl: baseUrlSchema.optional() }),
    ),
    rename: call<ProfileSummary>()(z.strictObject({ id: profileIdSchema, name: profileNameSchema })),
    /** Deletes the profile and its keychain entry. */
    remove: call<void>()(z.strictObject({ id: profileIdSchema })),
    activate: call<ProfileSummary>()(z.strictObject({ id: profileIdSchema })),
    replaceKey: call<ProfileSummary>()(z.strictObject({ id: profileIdSchema, apiKey: apiKeyInputSchema })),
    /** Starts the embedded simulator and makes its account the active "Demo" profile. */
    startDemo: call<ProfileSummary>()(noInput),
  },
  connections: {
    list: call<Connection[]>()(noInput),
    get: call<Connection>()(z.strictObject({ connId: id })),
    /** Every connection's online status in one request (GET /connections-status). */
    statuses: call<ConnectionStatus[]>()(noInput),
    create: call<CreatedConnection>()(createConnectionRequestSchema),
    updateBasicInfo: call<ConnectionBasicInfoUpdate>()(onConnection(updateConnectionBasicInfoRequestSchema)),
    updateSettings: call<UpdatedSettings>()(onConnection(updateSettingsRequestSchema)),
    modifyTeamAccess: call<TeamAccess>()(onConnection(modifyTeamAccessRequestSchema)),
    removeTeamAccess: call<RemovedTeamAccess>()(onConnection(removeTeamAccessRequestSchema)),
    changePlan: call<PlanChangeResult>()(onConnection(changePlanRequestSchema)),
    prolongatePlan: call<PlanChangeResult>()(onConnection(prolongatePlanRequestSchema)),
    delete: call<Deleted>()(onConnection(deleteConnectionRequestSchema)),
    recreate: call<RecreatedConnection>()(recreateConnectionRequestSchema),
    smsHistory: call<SmsMessage[]>()(z.strictObject({ connId: id })),
    pushCommand: call<CommandSent>()(onConnection(commandPushRequestSchema)),
    createPinCode: call<PinCode>()(z.strictObject({ connId: id })),
    /** A new connection API key: shown once in the UI, as the user asked for it. */
    createApiKey: call<ApiKeyResult>()(z.strictObject({ connId: id })),
  },
  proxies: {
    /** Every proxy access of the account in one request (GET /proxy-access). */
    list: call<ProxyAccess[]>()(noInput),
    listByConnection: call<ProxyAccess[]>()(z.strictObject({ connId: id })),
    create: call<ProxyAccess>()(onConnection(createProxyAccessRequestSchema)),
    update: call<ProxyAccess>()(z.strictObject({ connId: id, proxyId: id, body: updateProxyAccessRequestSchema })),
    delete: call<Deleted>()(z.strictObject({ connId: id, proxyId: id })),
  },
  vpn: {
    list: call<OvpnAccess[]>()(noInput),
    listByConnection: call<OvpnAccess[]>()(z.strictObject({ connId: id })),
    create: call<OvpnAccess>()(onConnection(createOvpnAccessRequestSchema)),
    update: call<OvpnAccess>()(z.strictObject({ connId: id, ovpnId: id, body: updateOvpnAccessRequestSchema })),
    delete: call<Deleted>()(z.strictObject({ connId: id, ovpnId: id })),
  },
  stats: {
    trafficByDay: call<TrafficByDay>()(statsWindow.extend({ timezone: z.string().max(64).optional() })),
    trafficByHourPort: call<PortTraffic[]>()(statsWindow),
    uptime: call<UptimeEntry[]>()(statsWindow),
    ipHistory: call<IpHistoryEntry[]>()(statsWindow),
  },
  actionLinks: {
    list: call<ActionLink[]>()(noInput),
    listByConnection: call<ActionLink[]>()(z.strictObject({ connId: id })),
    create: call<CreatedActionLink>()(onConnection(createActionLinkRequestSchema)),
    delete: call<Deleted>()(z.strictObject({ connId: id, linkId: id })),
    /** Runs a link by id: main looks its URL up in the account, so the page can never make main fetch any URL. */
    execute: call<CommandSent>()(z.strictObject({ connId: id, linkId: id })),
  },
  /** Proxy checks: see health.ts. */
  health: healthCalls,
  /** Proxy lists and OpenVPN files: see exports.ts. */
  exports: exportsCalls,
} as const

export const events = {
  health: healthEvents,
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
