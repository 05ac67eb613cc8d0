/**
 * The `health` domain: proxy checks, batches, change IP and verify, history and settings, and reading a proxy list
 * (pasted, or from a file the user opens): the calls of shared/contract/health.ts. In demo mode (the demo profile is active) checks
 * use the embedded simulator's own IP echo; otherwise the echo URLs from the user's settings.
 */
import type { UiLanguage } from '../../shared/bridge'
import { MAX_LIST_TEXT } from '../../shared/health'
import { parseProxyLines } from '../../shared/proxy-list/parse'
import type { DemoSession } from '../demo/demo-session'
import type { DesktopIntegration, Emit } from '../desktop'
import { DIALOG_TEXT } from '../exports/dialog-text'
import { readTextFile } from '../fs/read-text-file'
import type { Implementations } from '../handler-table'
import type { Logger } from '../log'
import type { ProfileService } from '../secrets/profile-service'
import type { HealthHistory } from './history'
import { createHealthService, type HealthService } from './service'

type HealthCallName = Extract<keyof Implementations, `health.${string}`>

export interface HealthCallsDeps {
  userDataDir: string
  emit: Emit
  log: Logger
  profiles: ProfileService
  demo: DemoSession
  /** The native "Open" dialog, for a list file. */
  desktop: DesktopIntegration
  /** The interface's language, for that dialog's title. */
  language: () => UiLanguage
  /** Where check results are kept (the history database); health-history.json when absent. */
  history?: HealthHistory
}

/** The service with its calls; `healthCalls` when only the calls are wanted. */
export function createHealthCalls(deps: HealthCallsDeps): { service: HealthService; implementations: Pick<Implementations, HealthCallName> } {
  const service = createHealthService({
    dataDir: deps.userDataDir,
    log: deps.log,
    emitProgress: (payload) => deps.emit('health.progress', payload),
    client: () => deps.profiles.client(),
    demoEchoUrl: async () => (deps.profiles.activeProfile()?.demo ? (await deps.demo.start()).echoUrl : undefined),
    parse: parseProxyLines,
    ...(deps.history ? { history: deps.history } : {}),
  })
  const implementations: Pick<Implementations, HealthCallName> = {
    'health.check': ({ item, throughput }) => service.check(item, throughput ?? false),
    'health.checkMany': ({ items, concurrency }) => service.checkMany(items, concurrency),
    'health.cancel': ({ batchId }) => service.cancel(batchId),
    'health.rotateAndVerify': ({ connectionIds, proxyId, timeoutMs, runId }) =>
      service.rotateAndVerify(connectionIds, { ...(proxyId ? { proxyId } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...(runId ? { runId } : {}) }),
    'health.cancelRotate': ({ runId }) => service.cancelRotate(runId),
    'health.history': ({ keys }) => service.history(keys),
    'health.parseList': ({ text, defaultProtocol }) => service.parseList(text, defaultProtocol),
    'health.openListFile': async () => {
      const text = DIALOG_TEXT[deps.language()]
      const path = await deps.desktop.chooseOpenFile({
        title: text.openProxyList,
        filters: [
          { name: text.filters.proxyList, extensions: ['txt', 'csv', 'json', 'list'] },
          { name: text.filters.all, extensions: ['*'] },
        ],
      })
      if (path === undefined) return { cancelled: true }
      return { cancelled: false, ...(await readTextFile(path, MAX_LIST_TEXT)) }
    },
    'health.settings': () => service.settings(),
    'health.updateSettings': (patch) => service.updateSettings(patch),
  }
  return { service, implementations }
}
