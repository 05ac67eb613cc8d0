import { connectionsEn } from './features/connections.en'
import { connectionDetailEn } from './features/connectionDetail.en'
import { proxiesEn } from './features/proxies.en'
import { vpnEn } from './features/vpn.en'
import { statsEn } from './features/stats.en'
import { actionLinksEn } from './features/actionLinks.en'
import { healthEn } from './features/health.en'
import { exportsEn } from './features/exports.en'
import { proxyAccessEn } from './features/proxyAccess.en'
import { helpEn } from './features/help.en'
import { shellEn } from './features/shell.en'
import { errorsEn } from './features/errors.en'
import { timeEn } from './features/time.en'
import { historyEn } from './features/history.en'
import { relaysEn } from './features/relays.en'
import { activityEn } from './features/activity.en'
import { alertsEn } from './features/alerts.en'
import { bulkEn } from './features/bulk.en'
import { rulesEn } from './features/rules.en'
import { auditEn } from './features/audit.en'

/** English: the reference catalogue. Every other language has exactly these keys (a test checks it). */
export const en = {
  app: {
    name: 'iProxy Desktop',
    demoBadge: 'Demo',
    retry: 'Retry',
    cancel: 'Cancel',
    save: 'Save',
    saving: 'Saving…',
    close: 'Close',
    loading: 'Loading…',
    settings: 'Settings',
    language: 'Language',
    nothingYet: 'Nothing to show in {{section}} yet.',
    couldNotRefresh: 'Could not refresh: {{reason}}',
    renderFailedTitle: 'This screen could not be shown',
    copy: 'Copy',
    copyLabel: 'Copy {{what}}',
    copied: 'Copied.',
    tryAgain: 'Try again',
  },
  sections: {
    label: 'Sections',
    connections: 'Connections',
    proxies: 'Proxies',
    vpn: 'VPN',
    stats: 'Statistics',
    actionLinks: 'Action links',
    health: 'Health checks',
    history: 'History',
    relays: 'Relays',
    activity: 'Activity',
    alerts: 'Alerts',
    rules: 'Rules',
    exports: 'Exports',
    account: 'Account',
    profiles: 'Profiles',
    help: 'Help',
  },
  firstRun: {
    title: 'Welcome to iProxy Desktop',
    intro: 'Add the API key of your iProxy account to see and manage your connections and proxies. The key is kept in your system keychain, never in a file.',
    whereIsKey: 'Where do I find my API key?',
    tryDemo: 'Try the demo',
    demoHint: 'The demo runs a simulated iProxy account inside the app: no account or key needed.',
  },
  profiles: {
    title: 'Profiles',
    switcher: 'Active profile',
    noneActive: 'No profile selected',
    addTitle: 'Add an iProxy account',
    name: 'Profile name',
    apiKey: 'API key',
    baseUrl: 'API address',
    baseUrlHint: 'Leave as it is unless iProxy told you otherwise.',
    add: 'Add and verify',
    adding: 'Verifying the key…',
    keyHint: 'Key {{hint}}',
    keyUnknown: 'Key not readable',
    active: 'Active',
    activate: 'Use',
    rename: 'Rename',
    renameTitle: 'Rename “{{name}}”',
    replaceKey: 'Replace key',
    replaceKeyTitle: 'New API key for “{{name}}”',
    replace: 'Verify and replace',
    remove: 'Remove',
    removeTitle: 'Remove “{{name}}”?',
    removeBody: 'The profile and its API key are deleted from this computer. Your iProxy account and its connections are not touched.',
    demo: 'Demo',
    empty: 'No profiles yet.',
    orphans: {
      title: 'API keys without a profile in your keychain: {{count}}',
      body: 'No profile of this app uses them (an earlier version or an interrupted change left them behind). They are still valid iProxy keys: remove them unless another copy of the app or the command line with another data folder uses them.',
      remove: 'Remove these keys from the keychain',
      removed: 'Keys removed from the keychain: {{count}}.',
    },
    rules: {
      nameRequired: 'enter a name',
      nameTooLong: 'use at most 100 characters',
      keyTooShort: 'this is too short to be an iProxy API key',
      keyTooLong: 'this is too long to be an iProxy API key',
      keySpaces: 'an API key has no spaces: copy it again',
      baseUrlFormat: 'enter the API address as a full URL starting with https:// (or http:// for a local simulator)',
      baseUrlTooLong: 'use at most 2048 characters',
      baseUrlNotAllowed: 'the API address must start with https:// (http:// only for this computer) and hold no user name or password',
    },
  },
  account: {
    title: 'Account',
    username: 'Username',
    email: 'Email',
    balance: 'Balance',
    displayName: 'Display name',
    telegram: 'Telegram',
    proxyPrefix: 'Proxy prefix',
    edit: 'Edit',
    saved: 'Saved.',
    rotateKey: 'Rotate API key',
    rotateTitle: 'Rotate the API key?',
    rotateBody: 'iProxy issues a new key and the current one stops working at once, in this app and in every script or tool that uses it. The new key is stored in your keychain.',
    rotateConfirm: 'Rotate the key',
    rotated: 'The API key was rotated. New key: {{hint}}',
    noProfile: 'Add an API key or start the demo to see your account.',
  },
  // Each feature's strings live in i18n/features/<feature>.<lang>.ts, next to each other per language.
  connections: connectionsEn,
  connectionDetail: connectionDetailEn,
  proxies: proxiesEn,
  vpn: vpnEn,
  stats: statsEn,
  actionLinks: actionLinksEn,
  health: healthEn,
  exports: exportsEn,
  proxyAccess: proxyAccessEn,
  help: helpEn,
  shell: shellEn,
  errors: errorsEn,
  time: timeEn,
  history: historyEn,
  relays: relaysEn,
  activity: activityEn,
  alerts: alertsEn,
  bulk: bulkEn,
  rules: rulesEn,
  audit: auditEn,
} as const

// A count string is `key_one` + `key_other` in English; other languages add the plural forms their rules need
// (Russian: `key_few`, `key_many`), so those suffixes are allowed beyond the English keys. A test checks each
// language has exactly the English base keys and all of its own plural forms.
type PluralExtras = { [key: `${string}_${'zero' | 'two' | 'few' | 'many'}`]: string }
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & PluralExtras
export type Catalogue = Strings<typeof en>
