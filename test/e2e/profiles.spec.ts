/**
 * Profiles and the account, through the whole path: Chromium → bridge → handler table → profile service →
 * the real keychain (a private Secret Service) and a real HTTP API on loopback that treats keys as iProxy does.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { justCreatedConnection } from '../unit/iproxy/seed-examples'
import { startFakeConsoleServer } from '../support/fake-console-server'
import type { FakeConsoleServer, RecordedRequest } from '../support/fake-console-server'
import { keychainEntries, keyringAvailability } from '../support/keyring'
import { createKeychain } from '../../src/main/secrets/keychain'
import { encodeProfileSecret } from '../../src/main/secrets/profile-secret'
import { requireSystem } from '../support/system'

skipWithoutChromium()

// Unique per test: tests run in parallel against one private keychain.
let ORIGINAL_KEY: string
let server: FakeConsoleServer
let currentKey: string
const user = { id: 'u1', username: 'farm_owner', email: 'owner@example.com', balance: '15.89', display_name: 'Owner', telegram: '@owner', proxy_prefix: 'own' }

test.beforeEach(async () => {
  requireSystem('Secret Service', keyringAvailability(), (note) => test.skip(true, note))
  ORIGINAL_KEY = `e2e-original-key-${Math.random().toString(36).slice(2, 10)}`
  currentKey = ORIGINAL_KEY
  server = await startFakeConsoleServer()
  const authorized = (req: RecordedRequest) => req.headers.authorization === `Bearer ${currentKey}`
  const unauthorized = { status: 401, json: { error: { code: 'unauthorized', message: 'invalid api key' } } }
  server.route('GET', '/me', (req) => (authorized(req) ? { json: user } : unauthorized))
  server.route('POST', '/me/update-basic-info', (req) => {
    if (!authorized(req)) return unauthorized
    Object.assign(user, req.json)
    return { json: { id: user.id, display_name: user.display_name, telegram: user.telegram, proxy_prefix: user.proxy_prefix } }
  })
  server.route('POST', '/me/api-key', (req) => {
    if (!authorized(req)) return unauthorized
    currentKey = `e2e-rotated-key-${Math.random().toString(36).slice(2, 10)}`
    return { json: { api_key: currentKey } }
  })
})

test.afterEach(async () => {
  await server.close()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

test('first run: add a key, see the account, edit it, rotate the key — no key ever leaves main', async ({ app }) => {
  const { page } = app
  const form = page.getByRole('form', { name: 'Add an iProxy account' })
  await expect(page.getByRole('heading', { name: 'Welcome to iProxy Desktop' })).toBeVisible()

  // Checked in the page with the same rules main applies: each message on its field.
  await form.getByRole('button', { name: 'Add and verify' }).click()
  await expect(form.getByText('enter a name')).toBeVisible()
  await expect(form.getByText('this is too short to be an iProxy API key')).toBeVisible()

  await form.getByLabel('Profile name').fill('My farm')
  await form.getByLabel('API address').fill(server.baseUrl)
  await form.getByLabel('API key').fill('e2e-wrong-key-0000')
  await form.getByRole('button', { name: 'Add and verify' }).click()
  await expect(form.getByRole('alert')).toContainText('iProxy rejected this API key')
  expect(keychainEntries()).not.toContain('e2e-wrong-key-0000')

  await form.getByLabel('API key').fill(ORIGINAL_KEY)
  await form.getByRole('button', { name: 'Add and verify' }).click()
  await expect(page.getByLabel('Active profile')).toHaveValue(/.+/)
  await expect(page.getByLabel('Active profile').locator('option:checked')).toHaveText('My farm')

  const nav = page.getByRole('navigation', { name: 'Sections' })
  await nav.getByRole('button', { name: 'Account', exact: true }).click()
  await expect(page.getByTestId('account-balance')).toHaveText('15.89')
  await expect(page.getByText('farm_owner')).toBeVisible()

  await page.getByRole('button', { name: 'Edit' }).click()
  await page.getByLabel('Display name').fill('Jane Farmer')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved.')
  await expect(page.getByText('Jane Farmer')).toBeVisible()
  const update = server.requests.find((r) => r.path === '/me/update-basic-info')
  expect(update?.json).toEqual({ display_name: 'Jane Farmer' })

  await page.getByRole('button', { name: 'Rotate API key' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rotate the API key?' })
  await expect(dialog).toContainText('stops working at once')
  await dialog.getByRole('button', { name: 'Rotate the key' }).click()
  await expect(page.getByRole('status')).toContainText('New key: …')
  // One confirmation, one rotation: a rotation is never sent twice.
  expect(server.requests.filter((r) => r.path === '/me/api-key')).toHaveLength(1)
  await expect(page.getByRole('status')).toContainText(`New key: …${currentKey.slice(-4)}`)
  expect(currentKey).not.toBe(ORIGINAL_KEY)

  // The new key is what the keychain holds; the app keeps working with it.
  expect(keychainEntries()).toContain(currentKey)
  expect(keychainEntries()).not.toContain(ORIGINAL_KEY)
  await nav.getByRole('button', { name: 'Profiles', exact: true }).click()
  await expect(page.getByRole('cell', { name: `Key …${currentKey.slice(-4)}` })).toBeVisible()

  // Neither key is in the user-data folder, the logs, or anything the bridge ever returned to the page.
  for (const secret of [ORIGINAL_KEY, currentKey]) {
    for (const file of filesUnder(app.userDataDir)) expect(readFileSync(file, 'utf8')).not.toContain(secret)
    expect(app.logs.join('\n')).not.toContain(secret)
    expect(JSON.stringify(app.bridgeResults)).not.toContain(secret)
  }
  expect(app.bridgeResults.length).toBeGreaterThan(5)
})

test('rename, remove with confirmation, and the key leaves the keychain', async ({ app }) => {
  const { page } = app
  const form = page.getByRole('form', { name: 'Add an iProxy account' })
  await form.getByLabel('Profile name').fill('Client A')
  await form.getByLabel('API address').fill(server.baseUrl)
  await form.getByLabel('API key').fill(ORIGINAL_KEY)
  await form.getByRole('button', { name: 'Add and verify' }).click()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Profiles', exact: true }).click()

  await page.getByRole('button', { name: 'Rename Client A' }).click()
  const rename = page.getByRole('dialog', { name: 'Rename “Client A”' })
  await rename.getByLabel('Profile name').fill('   ')
  await rename.getByRole('button', { name: 'Save' }).click()
  await expect(rename.getByText('enter a name')).toBeVisible()
  await rename.getByLabel('Profile name').fill('Client A (EU)')
  await rename.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('rowheader', { name: 'Client A (EU)' })).toBeVisible()

  await page.getByRole('button', { name: 'Replace key Client A (EU)' }).click()
  const replace = page.getByRole('dialog', { name: 'New API key for “Client A (EU)”' })
  await replace.getByLabel('API key').fill('e2e-bad-replacement-1')
  await replace.getByRole('button', { name: 'Verify and replace' }).click()
  await expect(replace.getByRole('alert')).toContainText('rejected')
  await replace.getByRole('button', { name: 'Cancel' }).click()

  await page.getByRole('button', { name: 'Remove Client A (EU)' }).click()
  const confirm = page.getByRole('dialog', { name: 'Remove “Client A (EU)”?' })
  await expect(confirm).toContainText('Your iProxy account and its connections are not touched')
  await confirm.getByRole('button', { name: 'Remove' }).click()
  // With no profile left, the app is back at its first-run screen.
  await expect(page.getByRole('heading', { name: 'Welcome to iProxy Desktop' })).toBeVisible()
  expect(keychainEntries()).not.toContain(ORIGINAL_KEY)
})

test('the help link opens iProxy in the browser, and the language switch shows Russian', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: 'Where do I find my API key?' }).click()
  await expect.poll(() => app.openedLinks).toEqual(['https://iproxy.online/'])
  await page.getByLabel('Language').selectOption('ru')
  await expect(page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'Подключения' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в iProxy Desktop' })).toBeVisible()
})

test('switching profiles shows only the active account’s connections and proxies, never the other’s', async ({ app }) => {
  const { page } = app
  // A real profile on a scripted API with one connection of its own, and the demo account beside it.
  // The seed's own "just created connection" example, renamed.
  const own = { ...justCreatedConnection, id: 'own-1', basic_info: { ...justCreatedConnection.basic_info, name: 'Only In My Farm' } }
  server.route('GET', '/connections', (req) => (req.headers.authorization === `Bearer ${currentKey}` ? { json: { connections: [own] } } : { status: 401, json: {} }))
  server.route('GET', '/connections-status', { json: { connections: [{ connection_id: 'own-1', online_status: 'online', last_online_status_update: '2026-11-28T10:00:00Z' }] } })
  server.route('GET', '/proxy-access', { json: { proxy_accesses: [] } })

  await page.getByRole('button', { name: 'Try the demo' }).click()
  const grid = page.getByRole('grid', { name: 'Connections' })
  await expect(grid.getByRole('button', { name: 'Berlin Telekom', exact: true })).toBeVisible()

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Profiles', exact: true }).click()
  const form = page.getByRole('form', { name: 'Add an iProxy account' })
  await form.getByLabel('Profile name').fill('My farm')
  await form.getByLabel('API address').fill(server.baseUrl)
  await form.getByLabel('API key').fill(ORIGINAL_KEY)
  await form.getByRole('button', { name: 'Add and verify' }).click()
  await expect(page.getByLabel('Active profile').locator('option:checked')).toHaveText('My farm')

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
  await expect(grid.getByRole('button', { name: 'Only In My Farm', exact: true })).toBeVisible()
  await expect(grid.getByRole('button', { name: 'Berlin Telekom', exact: true })).toHaveCount(0)

  await page.getByLabel('Active profile').selectOption({ label: 'Demo (Demo)' })
  await expect(grid.getByRole('button', { name: 'Berlin Telekom', exact: true })).toBeVisible()
  await expect(grid.getByRole('button', { name: 'Only In My Farm', exact: true })).toHaveCount(0)
})

test('a key no profile owns is named on the Profiles screen and removed from the keychain on request', async ({ app }) => {
  const { page } = app
  // What a crash between two steps (or the old unserialised adds) left: a key of this data folder that no profile owns.
  const strayId = `e2e-stray-${Math.random().toString(36).slice(2, 10)}`
  const strayKey = `e2e-stray-key-${Math.random().toString(36).slice(2, 10)}`
  await createKeychain().set(strayId, encodeProfileSecret({ key: strayKey, baseUrl: server.baseUrl, dataDir: app.userDataDir }))

  const form = page.getByRole('form', { name: 'Add an iProxy account' })
  await form.getByLabel('Profile name').fill('Kept')
  await form.getByLabel('API address').fill(server.baseUrl)
  await form.getByLabel('API key').fill(ORIGINAL_KEY)
  await form.getByRole('button', { name: 'Add and verify' }).click()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Profiles', exact: true }).click()

  const notice = page.getByRole('region', { name: /^API keys without a profile in your keychain: \d+$/ })
  await expect(notice.getByRole('listitem').filter({ hasText: `Key …${strayKey.slice(-4)}` })).toBeVisible()
  await page.getByLabel('Language').selectOption('ru')
  await expect(page.getByRole('region', { name: /^API-ключи без профиля в связке ключей: \d+$/ })).toBeVisible()
  await page.getByLabel('Язык').selectOption('en')

  await notice.getByRole('button', { name: 'Remove these keys from the keychain' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Keys removed from the keychain: \d+\.$/ })).toBeVisible()
  await expect(page.getByText(`Key …${strayKey.slice(-4)}`)).toHaveCount(0)
  expect(keychainEntries(strayId)).not.toContain(strayKey)
  // The profile's own key stays, and the profile still works.
  expect(keychainEntries()).toContain(ORIGINAL_KEY)
  await expect(page.getByRole('cell', { name: `Key …${ORIGINAL_KEY.slice(-4)}` })).toBeVisible()
  expect(app.logs.join('\n')).not.toContain(strayKey)
})
