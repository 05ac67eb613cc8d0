/**
 * The fleet board's history cells (issue 20 point 4): uptime over 24 h and 7 days, the last check, and the current
 * exit IP with when it was seen and the IP-ledger warning. Each cell is two short lines that never wrap (rows
 * keep their fixed height); the full text is on hover where a line could be cut.
 */
import type { TFunction } from 'i18next'
import { LocalTime } from '../../ui/LocalTime'
import type { ConnectionRow } from './connection-rows'

const percents = new Map<string, Intl.NumberFormat>()

function percent(share: number, language: string): string {
  let format = percents.get(language)
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 })
    percents.set(language, format)
  }
  // Never round a little downtime up to a full 100 %.
  return format.format(share < 1 ? Math.min(share, 0.99) : share)
}

export function UptimeCell({ row, t, language }: { row: ConnectionRow; t: TFunction; language: string }) {
  if (row.uptime24h === undefined && row.uptime7d === undefined) return <span className="muted">{t('connections.board.noHistory')}</span>
  const day = row.uptime24h === undefined ? '—' : percent(row.uptime24h, language)
  const week = row.uptime7d === undefined ? '—' : percent(row.uptime7d, language)
  const low = row.uptime24h !== undefined && row.uptime24h < 0.9
  return (
    <>
      <span className={`num ${low ? 'board-low' : ''}`}>{t('connections.board.uptime24h', { value: day })}</span>
      <small className="muted num">{t('connections.board.uptime7d', { value: week })}</small>
    </>
  )
}

export function LastCheckCell({ row, t }: { row: ConnectionRow; t: TFunction }) {
  const check = row.lastCheck
  if (!check) return <span className="muted">{t('connections.board.notChecked')}</span>
  const status = t(`health.status.${check.status as 'ok'}`, { defaultValue: check.status })
  const text = check.ok ? t('connections.board.checkOk', { status, ms: Math.round(check.totalMs) }) : status
  return (
    <>
      <span className={check.ok ? 'board-check-ok' : 'board-check-failed'} title={check.error ? `${status} — ${check.error}` : undefined}>
        {text}
      </span>
      <small className="muted">
        <LocalTime value={check.at} display="ago" />
      </small>
    </>
  )
}

/** Which warning the exit IP has, in words (the badge's title and its text for screen readers). */
export function warningText(row: ConnectionRow, t: TFunction): string | undefined {
  const which = [row.sharedIp ? t('connections.board.sharedIp') : undefined, row.repeatedIp ? t('connections.board.repeatedIp') : undefined]
  const text = which.filter(Boolean).join(' ')
  return text === '' ? undefined : text
}

export function ExitIpCell({ row, t }: { row: ConnectionRow; t: TFunction }) {
  const warning = warningText(row, t)
  const badge = warning && (
    <span className="board-warning" title={warning}>
      <span aria-hidden="true">!</span>
      <span className="visually-hidden">{warning}</span>
    </span>
  )
  if (!row.exitIp) {
    return (
      <span className="muted">
        {t('connections.board.noExitIp')}
        {badge}
      </span>
    )
  }
  return (
    <>
      <span className="board-ip">
        <span className="num" title={row.exitIp}>
          {row.exitIp}
        </span>
        {badge}
      </span>
      <small className="muted">
        <LocalTime value={row.exitIpSeen} display="ago" prefix={(time) => t('connections.board.seen', { time })} />
      </small>
    </>
  )
}
