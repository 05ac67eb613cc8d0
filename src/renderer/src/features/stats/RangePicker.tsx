import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StatsWindow } from '../../stores/stats'
import { TextField } from '../../ui/TextField'
import { fromLocalInput, toLocalInput } from '../../ui/local-input'

export const PRESETS = ['24h', '7d', '30d', 'custom'] as const
export type Preset = (typeof PRESETS)[number]
const PRESET_HOURS: Record<Exclude<Preset, 'custom'>, number> = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30 }

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The window of a preset ending now (to the minute), in `timezone`. */
export function presetWindow(preset: Exclude<Preset, 'custom'>, timezone: string, now = Date.now()): StatsWindow {
  const to = Math.floor(now / 60_000) * 60_000
  return { from: iso(to - PRESET_HOURS[preset] * 3_600_000), to: iso(to), timezone }
}

function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? []
  const zones = new Set(['UTC', localTimeZone(), ...supported])
  return [...zones].sort()
}

/** Last 24 h / 7 d / 30 d or a custom range, and the time zone days are counted in. */
export function RangePicker({ value, onChange }: { value: StatsWindow; onChange(window: StatsWindow, preset: Preset): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [preset, setPreset] = useState<Preset>('7d')
  const [from, setFrom] = useState(toLocalInput(value.from))
  const [to, setTo] = useState(toLocalInput(value.to))
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({})
  const zones = useMemo(() => timeZones(), [])

  const applyCustom = () => {
    const fromIso = fromLocalInput(from)
    const toIso = fromLocalInput(to)
    const next: { from?: string; to?: string } = {}
    if (!fromIso) next.from = t('stats.dateRequired')
    if (!toIso) next.to = t('stats.dateRequired')
    if (fromIso && toIso && Date.parse(toIso) <= Date.parse(fromIso)) next.to = t('stats.toBeforeFrom')
    setErrors(next)
    if (fromIso && toIso && !next.from && !next.to) onChange({ from: fromIso, to: toIso, timezone: value.timezone }, 'custom')
  }

  return (
    <div className="range-picker">
      <fieldset className="fieldset range-presets">
        <legend>{t('stats.range')}</legend>
        {PRESETS.map((p) => (
          <label key={p} className="choice">
            <input
              type="radio"
              name={`${id}-preset`}
              checked={preset === p}
              onChange={() => {
                setPreset(p)
                if (p !== 'custom') onChange(presetWindow(p, value.timezone), p)
                else {
                  setFrom(toLocalInput(value.from))
                  setTo(toLocalInput(value.to))
                }
              }}
            />
            {t(`stats.presets.${p}`)}
          </label>
        ))}
      </fieldset>
      {preset === 'custom' && (
        <form
          className="custom-range"
          aria-label={t('stats.customRange')}
          onSubmit={(event) => {
            event.preventDefault()
            applyCustom()
          }}
        >
          <TextField label={t('stats.from')} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} error={errors.from} />
          <TextField label={t('stats.to')} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} error={errors.to} />
          <button type="submit" className="primary">
            {t('stats.apply')}
          </button>
        </form>
      )}
      <div className="field timezone-field">
        <label htmlFor={`${id}-tz`}>{t('stats.timezone')}</label>
        <select
          id={`${id}-tz`}
          value={value.timezone}
          onChange={(e) => {
            const timezone = e.target.value
            onChange(preset === 'custom' ? { ...value, timezone } : presetWindow(preset, timezone), preset)
          }}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
