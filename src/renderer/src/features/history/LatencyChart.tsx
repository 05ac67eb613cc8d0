/**
 * A connection's check latency over the chosen range, drawn as the statistics charts are (recharts, the theme's
 * colours from stats/charts.tsx). Only the History tab imports it, and that tab loads on first visit.
 */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { LatencySeries } from '../../../../shared/history'
import { localTimeText, utcText } from '../../ui/time-text'
import { axisProps, tooltipStyle, useChartColors } from '../stats/charts'

/** Tick labels: the time of day for a day's range (buckets of minutes), the date too for longer ones. */
const SHORT: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }
const LONG: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }

export function LatencyChart({ series }: { series: LatencySeries }) {
  const { t } = useTranslation()
  const [ref, colors] = useChartColors()
  const rows = useMemo(
    () => series.points.map((p) => ({ at: p.at, avg: p.avgMs === undefined ? null : Math.round(p.avgMs), max: p.maxMs ?? null, failures: p.failures })),
    [series],
  )
  const checks = series.points.reduce((sum, p) => sum + p.checks, 0)
  const failures = series.points.reduce((sum, p) => sum + p.failures, 0)
  const worked = series.points.filter((p) => p.avgMs !== undefined)
  // The mean over every check that worked (each bucket weighted by its working checks).
  const okChecks = worked.reduce((sum, p) => sum + (p.checks - p.failures), 0)
  const average = okChecks > 0 ? Math.round(worked.reduce((sum, p) => sum + (p.avgMs ?? 0) * (p.checks - p.failures), 0) / okChecks) : undefined
  const summary =
    average === undefined ? t('history.latency.summaryNoOk', { count: checks, failures }) : t('history.latency.summary', { count: checks, failures, ms: average })
  if (checks === 0) return <p className="empty-state">{t('history.latency.empty')}</p>
  const ticks = series.bucketMs > 10 * 60_000 ? LONG : SHORT
  return (
    <div ref={ref} className="chart-block history-chart">
      <p data-testid="latency-summary">{summary}</p>
      <div className="chart" role="img" aria-label={t('history.latency.chartLabel', { summary })}>
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke={colors.border} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="at" type="category" tickFormatter={(v: number) => localTimeText(v, ticks)} minTickGap={24} {...axisProps(colors)} />
            <YAxis yAxisId="ms" width={64} tickFormatter={(v: number) => t('history.latency.ms', { ms: v })} {...axisProps(colors)} />
            <YAxis yAxisId="failures" orientation="right" allowDecimals={false} width={40} {...axisProps(colors)} />
            <Tooltip
              {...tooltipStyle(colors)}
              labelFormatter={(v) => `${localTimeText(Number(v))} (${utcText(Number(v))})`}
              formatter={(value, name) => (name === t('history.latency.failures') ? String(value) : t('history.latency.ms', { ms: value }))}
            />
            <Legend wrapperStyle={{ color: colors.text }} />
            <Bar yAxisId="failures" dataKey="failures" name={t('history.latency.failures')} fill={colors.series[4]} isAnimationActive={false} />
            <Line yAxisId="ms" type="monotone" dataKey="avg" name={t('history.latency.average')} stroke={colors.series[0]} dot={rows.length < 60} connectNulls isAnimationActive={false} />
            <Line yAxisId="ms" type="monotone" dataKey="max" name={t('history.latency.slowest')} stroke={colors.series[1]} strokeDasharray="4 3" dot={false} connectNulls isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  )
}
