import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { savedTheme, setTheme, THEMES } from '../../ui/theme'
import type { ThemeChoice } from '../../ui/theme'

/** System / light / dark, in the sidebar's settings beside the language. */
export function ThemePicker() {
  const { t } = useTranslation()
  const [choice, setChoice] = useState<ThemeChoice>(savedTheme)
  return (
    <label className="theme-picker">
      <span>{t('shell.theme')}</span>
      <select
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice
          setTheme(next)
          setChoice(next)
        }}
      >
        {THEMES.map((theme) => (
          <option key={theme} value={theme}>
            {t(`shell.themes.${theme}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
