/**
 * What the preload does in the app, done in the page for the e2e harness: `window.iproxy = createBridge(...)`.
 * Bundled to one script and added with addInitScript. Calls go through the Playwright binding
 * `__iproxyInvoke` to the real handler table; events arrive through `__iproxyDispatch`.
 */
import { createBridge } from '../../../src/shared/bridge'
import type { Envelope } from '../../../src/shared/bridge'

type Listener = (payload: unknown) => void

interface HarnessWindow {
  __iproxyInvoke(channel: string, input: unknown): Promise<Envelope<unknown>>
  __iproxyDispatch(channel: string, payload: unknown): void
  iproxy: unknown
}

const w = window as unknown as HarnessWindow
const listeners = new Map<string, Set<Listener>>()

w.__iproxyDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

w.iproxy = createBridge(
  (channel, input) => w.__iproxyInvoke(channel, input),
  (channel, listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>()
    set.add(listener)
    listeners.set(channel, set)
    return () => {
      set.delete(listener)
    }
  },
)
