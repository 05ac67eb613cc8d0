/**
 * The handler table: one function per contract call, wrapped with the checks every call gets.
 *
 * It imports no electron, so `main/ipc.ts` registers it with ipcMain and the e2e harness calls the very same
 * table from a Playwright binding. Each call: refuses a sender frame that is not the app's own page, parses the
 * input with the contract's schema, runs the implementation, and answers with an envelope, never a throw.
 */
import { getCallSpec, listCalls } from '../shared/bridge'
import type { CallName, CallResult, Envelope, ParsedCallInput } from '../shared/bridge'
import { toBridgeError, validationError } from './bridge-errors'

export type Implementations = {
  [N in CallName]: (input: ParsedCallInput<N>) => Promise<CallResult<N>> | CallResult<N>
}

export interface HandlerTable {
  /** Every call channel, in contract order. */
  readonly channels: readonly CallName[]
  /** Runs one call. `senderUrl` is the URL of the frame that sent it, or undefined when it is gone. */
  handle(channel: string, senderUrl: string | undefined, input: unknown): Promise<Envelope<unknown>>
}

export interface HandlerTableOptions {
  implementations: Implementations
  isTrustedSender: (senderUrl: string | undefined) => boolean
  log: (message: string, err?: unknown) => void
}

export function createHandlerTable({ implementations, isTrustedSender, log }: HandlerTableOptions): HandlerTable {
  const channels = listCalls().map(([name]) => name)
  const impls = implementations as unknown as Record<string, (input: unknown) => unknown>

  async function handle(channel: string, senderUrl: string | undefined, input: unknown): Promise<Envelope<unknown>> {
    if (!isTrustedSender(senderUrl)) {
      log(`refused call ${JSON.stringify(channel)} from untrusted sender ${JSON.stringify(senderUrl ?? null)}`)
      return { ok: false, error: { code: 'forbidden', message: 'This call came from outside the app and was refused.' } }
    }
    const spec = getCallSpec(channel)
    const impl = impls[channel]
    if (!spec || !impl) {
      return { ok: false, error: { code: 'unknown_call', message: `There is no call named ${JSON.stringify(channel)}.` } }
    }
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, `input for ${channel}`) }
    try {
      return { ok: true, value: await impl(parsed.data) }
    } catch (err) {
      return { ok: false, error: toBridgeError(err, log) }
    }
  }

  return { channels, handle }
}

/**
 * A sender check for the app's own page: same origin for http(s) (the dev server, the e2e harness), same file
 * for file:// (the packaged app). Hash and query are ignored; anything else, including a missing frame, is refused.
 */
export function createSenderCheck(appPageUrl: string): (senderUrl: string | undefined) => boolean {
  const app = new URL(appPageUrl)
  return (senderUrl) => {
    if (!senderUrl) return false
    let sender: URL
    try {
      sender = new URL(senderUrl)
    } catch {
      return false
    }
    if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname
    return (app.protocol === 'http:' || app.protocol === 'https:') && sender.origin === app.origin
  }
}
