/**
 * The handler table: one function per contract call, wrapped with the checks every call gets.
 *
 * It imports no electron, so `main/ipc.ts` registers it with ipcMain and the e2e harness calls the very same
 * table from a Playwright binding. Each call: refuses a sender frame that is not the app's own page, parses the
 * input with the contract's schema, runs the implementation, and answers with an envelope, never a throw.
 */
import { getCallSpec, listCalls } from '../shared/bridge'
import type { CallName, CallResult, Envelope, ParsedCallInput } from '../shared/bridge'
import { isSameAppOrigin } from './app-page'
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
 * A sender check for the app's own page: the same full origin (scheme, host and port) as the page: app:// for the
 * built app, http(s) for the dev server and the e2e harness (app-page.ts). file:// senders, other app:// hosts and
 * a missing frame are refused; hash, query and path do not matter within the origin.
 */
export function createSenderCheck(appPageUrl: string): (senderUrl: string | undefined) => boolean {
  return (senderUrl) => isSameAppOrigin(senderUrl, appPageUrl)
}
