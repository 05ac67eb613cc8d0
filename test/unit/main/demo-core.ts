/**
 * The app's core as the window gets it, in demo mode (the embedded simulator's account), with the real handler
 * table in front: for tests that drive calls the way the page does. Dialogs answer "cancelled" and the clipboard
 * is dropped unless the test gives its own.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Emit, DesktopIntegration } from '../../../src/main/desktop'
import { createHandlerTable, createSenderCheck, type HandlerTable } from '../../../src/main/handler-table'
import { createMemorySecretStore } from '../../../src/main/secrets/keychain'
import { createServices, type Services } from '../../../src/main/wiring'

export const APP_PAGE = 'app://iproxy-desktop/index.html'

export interface DemoCore {
  core: Services
  table: HandlerTable
  dir: string
  /** Calls `channel` as the app's page; the value, or a throw naming the error's code and message. */
  call<T>(channel: string, input?: unknown): Promise<T>
  dispose(): Promise<void>
}

/** `prepare` puts files in the data folder before the core starts (an old check history, a damaged database). */
export async function startDemoCore(options: {
  name: string
  emit?: Emit
  desktop?: Partial<DesktopIntegration>
  log?: (message: string, err?: unknown) => void
  prepare?: (dir: string) => void | Promise<void>
}): Promise<DemoCore> {
  const dir = mkdtempSync(join(tmpdir(), `iproxy-${options.name}-`))
  await options.prepare?.(dir)
  const core = createServices({
    appInfo: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: true },
    emit: options.emit ?? (() => {}),
    log: options.log ?? (() => {}),
    openExternal: async () => {},
    userDataDir: dir,
    keychain: createMemorySecretStore(),
    desktop: {
      chooseSaveFile: async () => undefined,
      chooseFolder: async () => undefined,
      chooseOpenFile: async () => undefined,
      writeClipboard: () => {},
      readClipboard: async () => '',
      ...options.desktop,
    },
  })
  await core.start()
  const table = createHandlerTable({ implementations: core.implementations, isTrustedSender: createSenderCheck(APP_PAGE), log: () => {} })
  return {
    core,
    table,
    dir,
    async call<T>(channel: string, input?: unknown): Promise<T> {
      const envelope = await table.handle(channel, APP_PAGE, input)
      if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
      return envelope.value as T
    },
    async dispose() {
      await core.dispose()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
