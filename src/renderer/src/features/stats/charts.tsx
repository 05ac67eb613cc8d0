/**
 * The statistics charts (recharts: only lazily loaded modules import this file). Colours come from the theme's
 * CSS variables, read again when the OS switches between light and dark, so axes and tooltips stay readable.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { IpHistoryEntry, PortTraffic, TrafficByDay, UptimeEntry } from '../../../../shared/iproxy'
import { LocalTime } from '../../ui/LocalTime'
import { pageOf, Pager } from '../../ui/Pager'
import { localTimeText, utcText } from '../../ui/time-text'
import { formatBytes } from '../../ui/format-bytes'
import { byteAxis, type ByteAxis } from './byte-ticks'

interface ChartColors {
  text: string
  muted: string
  border: string
  panel: string
  in: string
  out: string
  series: string[]
}

const FALLBACK: ChartColors = { text: '#1c1f24', muted: '#5d6470', border: '#d9dde4', panel: '#fff', in: '#2f6fde', out: '#e07b00', series: ['#2f6fde', '#e07b00', '#2e9d5b', '#a24bd1', '#c62828', '#00838f'] }

/** The chart colours of the current theme, from CSS variables on `ref`'s element. */
export function useChartColors(): [RefObject<HTMLDivElement | null>, ChartColors] {
  const ref = useRef<HTMLDivElement>(null)
  const [colors, setColors] = useState<ChartColors>(FALLBACK)
  useEffect(() => {
    const read = () => {
      if (!ref.current) return
      const style = getComputedStyle(ref.current)
      const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
      setColors({
        text: v('--text', FALLBACK.text),
        muted: v('--muted', FALLBACK.muted),
        border: v('--border', FALLBACK.border),
        panel: v('--panel', FALLBACK.panel),
        in: v('--chart-in', FALLBACK.in),
        out: v('--chart-out', FALLBACK.out),
        series: [1, 2, 3, 4, 5, 6].map((i) => v(`--chart-${i}`, FALLBACK.series[i - 1] as string)),
      })
    }
    read()
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener('change', read)
    return () => media.removeEventListener('change', read)
  }, [])
  return [ref, colors]
}

export function tooltipStyle(colors: ChartColors) {
  return {
    contentStyle: { background: colors.panel, border: `1px solid ${colors.border}`, color: colors.text, borderRadius: 6 },
    labelStyle: { color: colors.text, fontWeight: 600 },
    itemStyle: { color: colors.text },
    cursor: { fill: colors.border, fillOpacity: 0.4 },
  }
}

export function axisProps(colors: ChartColors) {
  return { stroke: colors.border, tick: { fill: colors.muted, fontSize: 12 }, tickLine: { stroke: colors.border } }
}

/** The y axis of byte values: round ticks from 0 (byte-ticks.ts), every label in one unit. */
function byteYAxisProps(axis: ByteAxis) {
  const top = axis.ticks[axis.ticks.length - 1] ?? 1
  return { ticks: axis.ticks, domain: [0, top], interval: 0 as const, tickFormatter: (v: number) => axis.label(v) }
}

/** "2026-11-20T00:00:00+03:00" → "20 Nov": the day as the server counted it in the chosen zone (so read as UTC). */
function dayLabel(date: string): string {
  const noon = Date.parse(`${date.slice(0, 10)}T12:00:00Z`)
  return Number.isNaN(noon) ? date : localTimeText(noon, { day: 'numeric', month: 'short', timeZone: 'UTC' })
}

export function TrafficByDayChart({ data }: { data: TrafficByDay }) {
  const { t } = useTranslation()
  const [ref, colors] = useChartColors()
  const rows = data.daily_stats.map((d) => ({ day: dayLabel(d.date), in: d.in_bytes, out: d.out_bytes }))
  const axis = byteAxis(Math.max(0, ...rows.map((r) => Math.max(r.in, r.out))))
  const inLabel = t('stats.in')
  const outLabel = t('stats.out')
  return (
    <div ref={ref} className="chart-block">
      <dl className="totals" aria-label={t('stats.totals')}>
        <div>
          <dt>{t('stats.totalIn')}</dt>
          <dd data-testid="stats-total-in">{formatBytes(data.total_in_bytes)}</dd>
        </div>
        <div>
          <dt>{t('stats.totalOut')}</dt>
          <dd data-testid="stats-total-out">{formatBytes(data.total_out_bytes)}</dd>
        </div>
      </dl>
      {rows.length === 0 ? (
        <p className="empty-state">{t('stats.noTraffic')}</p>
      ) : (
        <div className="chart" role="img" aria-label={t('stats.byDayChart', { days: rows.length, in: formatBytes(data.total_in_bytes), out: formatBytes(data.total_out_bytes) })}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={colors.border} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" {...axisProps(colors)} />
              <YAxis {...byteYAxisProps(axis)} width={72} {...axisProps(colors)} />
              <Tooltip {...tooltipStyle(colors)} formatter={(value) => formatBytes(Number(value))} />
              <Legend wrapperStyle={{ color: colors.text }} />
              <Bar dataKey="in" name={inLabel} fill={colors.in} isAnimationActive={false} />
              <Bar dataKey="out" name={outLabel} fill={colors.out} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  )
}

/** Traffic (in + out) by hour, stacked by port (areas: light even for 30 days of hours), and each port's totals. */
export function HourPortChart({ ports }: { ports: PortTraffic[] }) {
  const { t } = useTranslation()
  const [ref, colors] = useChartColors()
  const rows = useMemo(() => {
    const byHour = new Map<string, Record<string, number | string>>()
    for (const port of ports) {
      for (const sample of port.hourly_stats) {
        const row = byHour.get(sample.date) ?? { date: sample.date }
        row[`p${port.port}`] = sample.in_bytes + sample.out_bytes
        byHour.set(sample.date, row)
      }
    }
    return [...byHour.values()].sort((a, b) => Date.parse(String(a.date)) - Date.parse(String(b.date)))
  }, [ports])
  // The areas are stacked: the axis must reach the largest hour's total over all ports.
  const axis = byteAxis(Math.max(0, ...rows.map((row) => Object.values(row).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0))))
  return (
    <div ref={ref} className="chart-block">
      {rows.length === 0 ? (
        <p className="empty-state">{t('stats.noTraffic')}</p>
      ) : (
        <div className="chart" role="img" aria-label={t('stats.byHourChart', { hours: rows.length, ports: ports.length })}>
          <ResponsiveContainer width="100%" height={260}>
            <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={colors.border} strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="date"
                tickFormatter={(v: string) => localTimeText(v, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
                minTickGap={24}
                {...axisProps(colors)}
              />
              <YAxis {...byteYAxisProps(axis)} width={72} {...axisProps(colors)} />
              <Tooltip
                {...tooltipStyle(colors)}
                labelFormatter={(v) => `${localTimeText(String(v))} (${utcText(String(v))})`}
                formatter={(value) => formatBytes(Number(value))}
              />
              <Legend wrapperStyle={{ color: colors.text }} />
              {ports.map((port, i) => (
                <Area
                  key={port.port}
                  type="monotone"
                  dataKey={`p${port.port}`}
                  name={t('stats.port', { port: port.port })}
                  stackId="ports"
                  stroke={colors.series[i % colors.series.length]}
                  fill={colors.series[i % colors.series.length]}
                  fillOpacity={0.35}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
        </div>
      )}
      {ports.length > 0 && (
        <table className="table compact" aria-label={t('stats.portTotals')}>
          <thead>
            <tr>
              <th scope="col">{t('stats.portColumn')}</th>
              <th scope="col">{t('stats.in')}</th>
              <th scope="col">{t('stats.out')}</th>
            </tr>
          </thead>
          <tbody>
            {ports.map((port) => (
              <tr key={port.port}>
                <th scope="row">{port.port}</th>
                <td>{formatBytes(port.total_in_bytes)}</td>
                <td>{formatBytes(port.total_out_bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

interface Segment {
  status: string
  from: string
  /** Start of the next entry (or this one + 1 hour). */
  to: string
  hours: number
}

function segmentsOf(entries: UptimeEntry[]): Segment[] {
  const sorted = [...entries].sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
  const segments: Segment[] = []
  sorted.forEach((entry, i) => {
    const next = sorted[i + 1]
    const end = next ? next.date : new Date(Date.parse(entry.date) + 3_600_000).toISOString()
    const last = segments[segments.length - 1]
    if (last && last.status === entry.status) {
      last.to = end
      last.hours++
    } else segments.push({ status: entry.status, from: entry.date, to: end, hours: 1 })
  })
  return segments
}

const isUp = (status: string) => status.toUpperCase() === 'UP'

/** Up and down periods on one line, proportional to their length; each says its times on hover. */
export function UptimeTimeline({ entries }: { entries: UptimeEntry[] }) {
  const { t } = useTranslation()
  const segments = useMemo(() => segmentsOf(entries), [entries])
  if (entries.length === 0) return <p className="empty-state">{t('stats.noUptime')}</p>
  const upHours = entries.filter((e) => isUp(e.status)).length
  const percent = Math.round((upHours / entries.length) * 1000) / 10
  const outages = segments.filter((s) => !isUp(s.status))
  const summary = t('stats.uptimeSummary', { percent, hours: entries.length, outages: outages.length })
  return (
    <div className="chart-block">
      <p data-testid="uptime-summary">{summary}</p>
      <div className="uptime-timeline" role="img" aria-label={summary}>
        {segments.map((s) => (
          <span
            key={s.from}
            className={isUp(s.status) ? 'uptime-up' : 'uptime-down'}
            style={{ flexGrow: s.hours }}
            title={`${isUp(s.status) ? t('stats.up') : t('stats.down')}: ${localTimeText(s.from)} – ${localTimeText(s.to)} (${utcText(s.from)} – ${utcText(s.to)})`}
          />
        ))}
      </div>
      <div className="uptime-axis" aria-hidden="true">
        <span>{localTimeText(segments[0]?.from ?? '')}</span>
        <span>{localTimeText(segments[segments.length - 1]?.to ?? '')}</span>
      </div>
      <p className="legend">
        <span className="swatch uptime-up" aria-hidden="true" /> {t('stats.up')} <span className="swatch uptime-down" aria-hidden="true" /> {t('stats.down')}
      </p>
    </div>
  )
}

const PAGE = 50

/** IP history, newest first, with the number of distinct addresses. */
export function IpHistoryTable({ entries }: { entries: IpHistoryEntry[] }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(0)
  const sorted = useMemo(() => [...entries].sort((a, b) => Date.parse(b.date) - Date.parse(a.date)), [entries])
  const distinct4 = new Set(entries.map((e) => e.ipv4).filter(Boolean)).size
  const distinct6 = new Set(entries.map((e) => e.ipv6).filter(Boolean)).size
  if (entries.length === 0) return <p className="empty-state">{t('stats.noIpHistory')}</p>
  return (
    <div className="chart-block">
      <p data-testid="ip-distinct">{t('stats.distinctIps', { n: distinct4 + distinct6, v4: distinct4, v6: distinct6, changes: entries.length })}</p>
      <table className="table compact" aria-label={t('stats.ipHistory')}>
        <thead>
          <tr>
            <th scope="col">{t('stats.time')}</th>
            <th scope="col">IPv4</th>
            <th scope="col">IPv6</th>
          </tr>
        </thead>
        <tbody>
          {pageOf(sorted, page, PAGE).map((e, i) => (
            <tr key={`${e.date}-${i}`}>
              <td>
                <LocalTime value={e.date} />
              </td>
              <td className="mono nowrap">{e.ipv4 ?? '—'}</td>
              <td className="mono">{e.ipv6 ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} size={PAGE} total={sorted.length} onPage={setPage} label={t('stats.pager.ipHistory')} />
    </div>
  )
}
