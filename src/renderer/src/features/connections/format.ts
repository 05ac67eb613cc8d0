/** Plan days left (times themselves are formatted by ui/time-text.ts). */

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days from `now` until `expiresAt`, rounded up; 0 or less once it has expired. */
export function daysLeft(expiresAt: number, now: number): number {
  return Math.ceil((expiresAt - now) / DAY_MS)
}

/** A plan with this many days left or fewer is shown as expiring soon. */
export const EXPIRING_SOON_DAYS = 3
