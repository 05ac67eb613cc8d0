/**
 * The `health` domain: proxy checks, batches, change IP and verify, history and settings (see shared/health.ts).
 * In demo mode (the demo profile is active) checks use the embedded simulator's own IP echo; otherwise the echo
 * URLs from the user's settings.
 */
import { parseProxyLines } from '../../shared/proxy-lines-parser'
import type { Emit } from '../core'
import type { DemoSession } from '../demo/demo-session'
import type { Implementations } from '../handler-table'
import { createHealthService, type HealthService } from '../health/service'
import type { Logger } from '../log'
import type { ProfileService } from '../secrets/profile-service'

type HealthCallName = Extract<keyof Implementations, `health.${string}`>

export interface HealthCallsDeps {
  userDataDir: string
  emit: Emit
  log: Logger
  profiles: ProfileService
  demo: DemoSession
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
  })
  const implementations: Pick<Implementations, HealthCallName> = {
    'health.check': ({ item, throughput }) => service.check(item, throughput ?? false),
    'health.checkMany': ({ items, concurrency }) => service.checkMany(items, concurrency),
    'health.cancel': ({ batchId }) => service.cancel(batchId),
    'health.rotateAndVerify': ({ connectionIds, proxyId, timeoutMs }) =>
      service.rotateAndVerify(connectionIds, { ...(proxyId ? { proxyId } : {}), ...(timeoutMs ? { timeoutMs } : {}) }),
    'health.history': ({ keys }) => service.history(keys),
    'health.parseList': ({ text, defaultProtocol }) => service.parseList(text, defaultProtocol),
    'health.settings': () => service.settings(),
    'health.updateSettings': (patch) => service.updateSettings(patch),
  }
  return { service, implementations }
}
