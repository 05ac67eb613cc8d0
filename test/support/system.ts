/**
 * Tests that need a part of the system (a keychain, a proxy server, a browser) call `requireSystem`.
 * On a developer's laptop a missing part skips the test with a printed reason; with IPROXY_REQUIRE_SYSTEM=1
 * (set by `.ci/run`) a missing part fails it, so CI can never pass by skipping.
 */
export const systemPartsRequired = process.env.IPROXY_REQUIRE_SYSTEM === '1'

export interface Availability {
  available: boolean
  /** Why it is missing and what to install, shown in the skip or failure message. */
  reason?: string
}

/**
 * Returns true when the test may run. When the part is missing: throws under IPROXY_REQUIRE_SYSTEM=1,
 * otherwise prints `skipped: <reason>` and calls `skip` (vitest's `ctx.skip` or Playwright's `test.skip`).
 */
export function requireSystem(part: string, availability: Availability, skip: (note: string) => void): boolean {
  if (availability.available) return true
  const note = `skipped: ${part} not available (${availability.reason ?? 'unknown reason'})`
  if (systemPartsRequired) throw new Error(`${note}; IPROXY_REQUIRE_SYSTEM=1 makes this a failure`)
  console.warn(note)
  skip(note)
  return false
}
