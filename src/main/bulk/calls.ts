/**
 * The `bulk` domain (shared/contract/bulk.ts) as the app runs it: the settings store, the one phone gate (shared
 * with the rules: wiring.ts hands `gate`, `actions` and `audit` on), the connection actions, the audit writer on
 * the history, and the service behind the calls. A run's progress goes to the page as the `bulk.progress` event.
 */
import type { UiLanguage } from '../../shared/bridge'
import type { Emit } from '../desktop'
import type { Implementations } from '../handler-table'
import { createAuditWriter } from '../history/audit'
import type { RecordingListeners } from '../history/app-recording'
import type { HistoryStore } from '../history/store'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import { createConnectionActions, type ActionsHealth } from './connection-actions'
import { createPhoneGate } from './phone-gate'
import { createBulkService, type BulkService } from './service'
import { createBulkSettingsStore, type BulkSettingsStore } from './settings'
import type { AuditWriter, ConnectionActions, PhoneGate } from './types'

type BulkCallName = Extract<keyof Implementations, `bulk.${string}`>

export interface BulkDomainDeps {
  userDataDir: string
  emit: Emit
  log: Logger
  /** The active profile's API client (throws while there is none). */
  client: () => IproxyClient
  health: ActionsHealth
  history: HistoryStore
  /** The fleet watch, told of changes of IP that kept the IP or brought an old one back. */
  listeners?: RecordingListeners
  language: () => UiLanguage
}

export interface BulkDomain {
  implementations: Pick<Implementations, BulkCallName>
  service: BulkService
  settings: BulkSettingsStore
  /** The app's one phone gate: bulk runs and rules both go through it. */
  gate: PhoneGate
  actions: ConnectionActions
  audit: AuditWriter
  /** Calls in flight are cancelled and every run ends (before the history closes). */
  dispose(): Promise<void>
}

export function bulkCalls(deps: BulkDomainDeps): BulkDomain {
  const settings = createBulkSettingsStore({ dataDir: deps.userDataDir, log: deps.log })
  // Read now, so the gap applies from the first action (the defaults until the file is read).
  void settings.get().catch(() => undefined)
  const gate = createPhoneGate({ gapMs: () => settings.current().samePhoneGapSeconds * 1000 })
  const actions = createConnectionActions({
    client: deps.client,
    health: deps.health,
    history: deps.history,
    ...(deps.listeners ? { listeners: deps.listeners } : {}),
    log: deps.log,
    language: deps.language,
  })
  const audit = createAuditWriter(deps.history, deps.log)
  const service = createBulkService({
    actions,
    gate,
    audit,
    client: deps.client,
    settings: () => settings.get(),
    emitProgress: (run) => deps.emit('bulk.progress', run),
    log: deps.log,
    language: deps.language,
  })
  return {
    implementations: calls(service, settings),
    service,
    settings,
    gate,
    actions,
    audit,
    dispose: () => service.dispose(),
  }
}

export function calls(service: BulkService, settings: BulkSettingsStore): Pick<Implementations, BulkCallName> {
  return {
    'bulk.settings': () => settings.get(),
    'bulk.updateSettings': (patch) => settings.update(patch),
    'bulk.preview': (input) => service.preview(input),
    'bulk.start': (input) => service.start(input, { by: 'user' }),
    'bulk.cancel': ({ runId }) => service.cancel(runId),
    'bulk.retryFailed': ({ runId }) => service.retryFailed(runId),
    'bulk.runs': () => service.runs(),
  }
}
