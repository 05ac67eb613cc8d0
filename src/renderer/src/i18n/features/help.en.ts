/** English strings of the Help screen (merged into the catalogue under "help"). */
export const helpEn = {
  aboutTitle: 'About',
  about: '{{name}} {{version}} on {{platform}}',
  keysNote: 'Your API keys are kept in the system keychain. Proxy passwords stay out of this window: they are read only when you copy or export proxies.',
  supportTitle: 'Problems and support',
  supportIntro: 'When something goes wrong, details are written to the log. Open its folder, or copy the diagnostics (versions, data folder and recent errors, without keys, passwords or proxy addresses) to send to support.',
  openLogFolder: 'Open log folder',
  logFolderOpened: 'The log folder was opened in your file manager.',
  copyDiagnostics: 'Copy diagnostics',
  diagnosticsCopied: 'Diagnostics copied to the clipboard.',
  diagnosticsPreview: 'What was copied',
  failed: 'That did not work: {{reason}}',
}
