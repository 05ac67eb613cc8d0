/**
 * Debian's Chromium, the only browser these machines have (Playwright's own download is unreachable).
 * Flags: no sandbox (tests run as root in CI), and no background networking, which this closed network refuses.
 */
import { existsSync } from 'node:fs'
import type { Availability } from '../../support/system'

export const CHROMIUM_PATH = process.env.IPROXY_CHROMIUM ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export function chromiumAvailability(): Availability {
  return existsSync(CHROMIUM_PATH)
    ? { available: true }
    : { available: false, reason: `no browser at ${CHROMIUM_PATH}; install Debian's chromium package` }
}
