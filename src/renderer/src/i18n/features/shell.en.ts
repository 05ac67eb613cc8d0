/** English strings of the app's frame (merged into the catalogue under "shell"): notices above every screen. */
export const shellEn = {
  recovered: 'The window stopped unexpectedly and was reloaded.',
  dismiss: 'Dismiss',
  theme: 'Theme',
  themes: { system: 'As the system', light: 'Light', dark: 'Dark' },
}
