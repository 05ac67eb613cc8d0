import type { HealthStatus } from '../../../../shared/health'

/** How a status is coloured: working, failing, or neither (cancelled). */
export function statusTone(status: HealthStatus): 'ok' | 'bad' | 'muted' {
  if (status === 'ok') return 'ok'
  if (status === 'cancelled') return 'muted'
  return 'bad'
}

