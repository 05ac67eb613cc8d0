/**
 * "Open a browser through this relay" with Debian's Chromium (headless here): its page load goes through the relay
 * to the simulator's echo, and its temporary profile folder is gone once it exits.
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { findBrowser, openBrowserThrough } from '../../../src/main/relay/browser'
import { startRelay } from '../../../src/main/relay/relay'
import { requireSystem } from '../../support/system'
import { simUpstream } from './support'

// Debian's Chromium, as the e2e tests use it (root in CI: no sandbox; a closed network: no background traffic).
const CHROMIUM_PATH = process.env.IPROXY_CHROMIUM ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const chromiumAvailability = () =>
  existsSync(CHROMIUM_PATH) ? { available: true } : { available: false, reason: `no browser at ${CHROMIUM_PATH}; install Debian's chromium package` }

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

describe('a browser through a relay', () => {
  it('Chromium with a temporary profile loads a page through the relay; the profile is removed after', async (ctx) => {
    if (!requireSystem('chromium', chromiumAvailability(), (note) => ctx.skip(note))) return
    expect(findBrowser(['/nonexistent/browser', CHROMIUM_PATH])).toBe(CHROMIUM_PATH)
    const relay = await startRelay({ upstreams: [simUpstream(sim, 'http').upstream], httpPort: 0 })
    try {
      const proxy = `http://127.0.0.1:${relay.listeners[0]!.port}`
      // Chromium sends loopback addresses direct unless told not to: <-loopback> makes it use the relay for them too.
      const opened = await openBrowserThrough(CHROMIUM_PATH, proxy, sim.echoUrl, [...CHROMIUM_ARGS, '--headless=new', '--dump-dom', '--proxy-bypass-list=<-loopback>'])
      expect(existsSync(opened.profile)).toBe(true)
      await opened.exited
      expect(existsSync(opened.profile)).toBe(false)
      expect(relay.status().bytesDown).toBeGreaterThan(0)
    } finally {
      await relay.close()
    }
  }, 60_000)
})
