/**
 * Quitting waits for the services' dispose, up to a deadline (src/main/quit-after-dispose.ts), against a
 * stand-in of Electron's app: its `before-quit` listeners and `quit()`, which emits `before-quit` again.
 */
import { describe, expect, it } from 'vitest'
import { quitAfterDispose } from '../../../src/main/quit-after-dispose'

function fakeApp() {
  const listeners: Array<(event: { preventDefault(): void }) => void> = []
  const app = {
    prevented: 0,
    /** Times the process would really have ended (a before-quit nobody prevented). */
    exited: 0,
    events: [] as string[],
    onBeforeQuit: (listener: (event: { preventDefault(): void }) => void) => listeners.push(listener),
    quit: () => {
      let prevented = false
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) })
      if (prevented) app.prevented += 1
      else {
        app.exited += 1
        app.events.push('exit')
      }
    },
  }
  return app
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('quitAfterDispose', () => {
  it('holds the quit until dispose has finished, then quits once', async () => {
    const app = fakeApp()
    let disposeCalls = 0
    quitAfterDispose({
      ...app,
      dispose: async () => {
        disposeCalls += 1
        await tick(50)
        app.events.push('history written')
      },
      log: () => {},
    })
    app.quit()
    expect(app.exited).toBe(0)
    // Quitting again while the services finish waits for the same dispose.
    app.quit()
    await tick(20)
    expect(app.exited).toBe(0)
    await tick(100)
    expect(app.events).toEqual(['history written', 'exit'])
    expect(disposeCalls).toBe(1)
    expect(app.prevented).toBe(2)
  })

  it('quits at the deadline when dispose hangs, and says so', async () => {
    const app = fakeApp()
    const logs: string[] = []
    quitAfterDispose({ ...app, dispose: () => new Promise<void>(() => {}), log: (m) => logs.push(m), deadlineMs: 100 })
    const started = performance.now()
    app.quit()
    while (app.exited === 0 && performance.now() - started < 2_000) await tick(10)
    expect(app.exited).toBe(1)
    expect(performance.now() - started).toBeGreaterThanOrEqual(95)
    expect(logs).toEqual(['the services did not finish within 100 ms; quitting without them'])
  })

  it('quits when dispose fails, and when there is nothing to dispose', async () => {
    const failing = fakeApp()
    const logs: string[] = []
    quitAfterDispose({ ...failing, dispose: () => Promise.reject(new Error('disk full')), log: (m) => logs.push(m) })
    failing.quit()
    await tick(10)
    expect(failing.exited).toBe(1)
    expect(logs).toEqual(['the services failed while shutting down; quitting anyway'])

    const early = fakeApp()
    quitAfterDispose({ ...early, dispose: () => undefined, log: () => {} })
    early.quit()
    await tick(10)
    expect(early.exited).toBe(1)
  })
})
