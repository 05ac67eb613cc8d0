/**
 * The main process without Electron: builds every service and maps each contract call to one.
 *
 * `main/index.ts` creates it with Electron's paths and event sender; the e2e harness creates it with a scratch
 * folder and a Playwright-backed sender. Both then get the same implementations, so what the e2e tests drive is
 * what the app runs.
 */
import type { AppInfo, EventName, EventPayload } from '../shared/bridge'
import { AppError } from './app-error'
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from './external-links'
import type { Implementations } from './handler-table'
import type { Logger } from './log'

export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void

export interface CoreOptions {
  appInfo: AppInfo
  emit: Emit
  log: Logger
  /** Opens a link in the user's browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>
}

export interface Core {
  implementations: Implementations
  /** Stops timers, servers and sockets the services hold. */
  dispose(): Promise<void>
}

export function createCore({ appInfo, openExternal }: CoreOptions): Core {
  const implementations: Implementations = {
    'app.info': () => appInfo,
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('link_not_allowed', `Only https links to ${EXTERNAL_LINK_HOSTS.join(', ')} open from the app.`)
      }
      await openExternal(url)
    },
  }
  return { implementations, dispose: async () => {} }
}
