import type { HealthStatus } from '../../../../shared/health'

/** How a status is coloured: working, failing, or neither (cancelled). */
export function statusTone(status: HealthStatus): 'ok' | 'bad' | 'muted' {
  if (status === 'ok') return 'ok'
  if (status === 'cancelled') return 'muted'
  return 'bad'
}

/** Local time for display; the UTC value goes in the `title`. */
export function localTime(iso: string): { text: string; utc: string } {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return { text: iso, utc: iso }
  return { text: d.toLocaleTimeString(), utc: d.toISOString() }
}
