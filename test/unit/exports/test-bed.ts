/**
 * What the exports tests share: the simulator over loopback, an API client of it, and a fresh scratch folder per
 * test (faults cleared after each), plus a desktop whose dialogs answer what the test says.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { DesktopIntegration } from '../../../src/main/desktop'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'

export interface ExportsTestBed {
  sim: Simulator
  client: IproxyClient
  /** This test's scratch folder. */
  dir: string
}

/** Registers the hooks; read the fields inside tests (they are set by then). */
export function exportsTestBed(prefix: string): ExportsTestBed {
  const bed = {} as ExportsTestBed
  beforeAll(async () => {
    bed.sim = await startSimulator({ seed: 'demo' })
    bed.client = createIproxyClient({ apiKey: bed.sim.apiKey, baseUrl: bed.sim.baseUrl, maxRetries: 0, timeoutMs: 5_000 })
  })
  afterAll(async () => {
    await bed.client.close()
    await bed.sim.stop()
  })
  beforeEach(async () => {
    bed.dir = await mkdtemp(join(tmpdir(), prefix))
  })
  afterEach(async () => {
    bed.sim.faults.clear()
    await rm(bed.dir, { recursive: true, force: true })
  })
  return bed
}

/** A desktop that cancels every dialog and has an empty clipboard, with the parts a test needs replaced. */
export function stubDesktop(parts: Partial<DesktopIntegration> = {}): DesktopIntegration {
  return {
    chooseSaveFile: async () => undefined,
    chooseFolder: async () => undefined,
    chooseOpenFile: async () => undefined,
    writeClipboard: () => {},
    readClipboard: async () => '',
    ...parts,
  }
}
