/**
 * The theme the user chose in the app: the system's (the default), light or dark. Remembered in local storage like
 * the language (a display preference, nothing secret) and applied as <html data-theme>, which styles.css turns
 * into `color-scheme` so every light-dark() colour follows it.
 */
export const THEMES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEMES)[number]

const STORAGE_KEY = 'iproxy.theme'

export function savedTheme(): ThemeChoice {
  const saved = localStorage.getItem(STORAGE_KEY)
  return (THEMES as readonly string[]).includes(saved ?? '') ? (saved as ThemeChoice) : 'system'
}

export function applyTheme(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = choice
}

export function setTheme(choice: ThemeChoice): void {
  localStorage.setItem(STORAGE_KEY, choice)
  applyTheme(choice)
}
