/**
 * Demo mode: the embedded simulator started inside the main process on first use and kept for the app's life,
 * so "Try the demo" and `--demo` give a working account without any iProxy key. One of its phones drops now and
 * then (demo-outages.ts), so the fleet watch has something to show.
 */
import { startSimulator } from './simulator'
import type { Simulator } from './simulator'

export interface DemoSession {
  /** Starts the demo simulator once; later calls get the same one. */
  start(): Promise<Simulator>
  stop(): Promise<void>
}

export function createDemoSession(): DemoSession {
  let simulator: Promise<Simulator> | undefined
  return {
    start() {
      simulator ??= startSimulator({ seed: 'demo', demoOutages: true }).catch((err: unknown) => {
        simulator = undefined
        throw err
      })
      return simulator
    },
    async stop() {
      const running = simulator
      simulator = undefined
      if (running) await (await running).stop()
    },
  }
}
