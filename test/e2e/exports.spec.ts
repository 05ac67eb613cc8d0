/**
 * The Exports section: proxy lists in every format to the clipboard and to files (remembered format and
 * address, user templates, filters), and every OpenVPN file into a folder or one .zip, with a failing access
 * reported by name, files already in the folder kept, and a file that runs a script confirmed first. Screenshots
 * in both themes.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { unzipSync } from 'fflate'
import { parseProxyLines } from '../../src/shared/proxy-list/parse'
import { expect, skipWithoutChromium, test } from './harness/fixtures'
import { SCREENS_DIR } from './harness/paths'

skipWithoutChromium()
test.use({ demoMode: true })

async function openExports(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Exports', exact: true }).click()
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'iproxy-e2e-exports-'))
}

test('copies every proxy in the chosen format and address, and remembers the choice', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openExports(page)
  const proxies = page.getByRole('region', { name: 'Proxy lists' })
  await expect(proxies.getByText(`All proxies (${sim.state.proxies.size})`)).toBeVisible()

  await proxies.getByLabel('Format').selectOption('login:password@host:port')
  await proxies.getByRole('radio', { name: 'IP address' }).check()
  await expect(proxies.locator('pre')).toContainText('@127.0.0.1:')
  await proxies.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(proxies.getByRole('status').filter({ hasText: /^Copied \d+ proxies/ })).toContainText('It holds passwords, so the clipboard will be cleared in 60 s')

  expect(app.desktop.clipboard).toHaveLength(1)
  const parsed = parseProxyLines(app.desktop.clipboard[0]!)
  expect(parsed.rejected).toEqual([])
  const userpass = [...sim.state.proxies.values()].filter((p) => p.authType === 'userpass')
  const noauth = sim.state.proxies.size - userpass.length
  expect(parsed.proxies.filter((p) => p.login !== undefined).map((p) => `${p.login}:${p.password}:${p.port}`).sort()).toEqual(
    userpass.map((p) => `${p.login}:${p.password}:${p.port}`).sort(),
  )
  if (noauth > 0) await expect(proxies.getByText(`${noauth} proxies have no login`)).toBeVisible()

  // The choice is remembered: leave and come back.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
  await openExports(page)
  await expect(page.getByLabel('Format')).toHaveValue('login:password@host:port')
  await expect(page.getByRole('radio', { name: 'IP address' })).toBeChecked()
})

test('a template with an unknown placeholder is refused on the field; a good one previews and copies', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  await openExports(page)
  const proxies = page.getByRole('region', { name: 'Proxy lists' })
  await proxies.getByLabel('Format').selectOption('template')
  const template = proxies.getByRole('textbox', { name: 'Template' })
  await template.fill('{host}:{port}|{nope}')
  await expect(template).toHaveAttribute('aria-invalid', 'true')
  await expect(proxies.getByRole('alert').filter({ hasText: 'Unknown placeholder {nope}' })).toBeVisible()

  await template.fill('{proxy_id};{service};{port}')
  await expect(template).not.toHaveAttribute('aria-invalid', 'true')
  const first = [...sim.state.proxies.values()][0]!
  await expect(proxies.locator('pre')).toContainText(`${first.id};${first.listenService};${first.port}`)
  await proxies.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(proxies.getByRole('status').filter({ hasText: /^Copied/ })).toBeVisible()
  expect(app.desktop.clipboard[0]!.trimEnd().split('\n')).toHaveLength(sim.state.proxies.size)
})

test('an IP-authorised proxy is written without an empty login:password@ part, in the preview and on the clipboard', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const open = [...sim.state.proxies.values()].find((p) => p.authType === 'noauth')!
  const conn = sim.state.connections.get(open.connectionId)!
  await openExports(page)
  const proxies = page.getByRole('region', { name: 'Proxy lists' })
  await proxies.getByRole('radio', { name: 'Filtered proxies' }).check()
  await proxies.getByLabel('Connection').selectOption(conn.id)
  await proxies.getByRole('radio', { name: 'IP address' }).check()
  for (const [format, template] of [['template', '{service}://{login}:{password}@{host}:{port}'], ['url', undefined]] as const) {
    await proxies.getByLabel('Format').selectOption(format)
    if (template) await proxies.getByRole('textbox', { name: 'Template' }).fill(template)
    const preview = proxies.locator('pre')
    await expect(preview).toContainText(`socks5://127.0.0.1:${open.port}`)
    await expect(preview).not.toContainText(':@')
    await proxies.getByRole('button', { name: 'Copy to clipboard' }).click()
    await expect(proxies.getByRole('status').filter({ hasText: /^Copied/ })).toBeVisible()
    const lines = app.desktop.clipboard.at(-1)!.trimEnd().split('\n')
    expect(lines).toContain(`socks5://127.0.0.1:${open.port}`)
    expect(lines.filter((l) => l.includes('://:@'))).toEqual([])
  }
})

test('saves the proxies of one connection as CSV', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const conn = [...sim.state.connections.values()].find((c) => [...sim.state.proxies.values()].some((p) => p.connectionId === c.id))!
  const own = [...sim.state.proxies.values()].filter((p) => p.connectionId === conn.id)
  const dir = scratch()
  try {
    await openExports(page)
    const proxies = page.getByRole('region', { name: 'Proxy lists' })
    await proxies.getByRole('radio', { name: 'Filtered proxies' }).check()
    await proxies.getByLabel('Connection').selectOption(conn.id)
    await expect(proxies.getByText(`${own.length} proxies match`)).toBeVisible()
    await proxies.getByLabel('Format').selectOption('csv')
    await expect(proxies.getByText(/begin with =, \+, -, @, a tab or a carriage return get an apostrophe in front/)).toBeVisible()
    app.desktop.nextSavePath = join(dir, 'list.csv')
    await proxies.getByRole('button', { name: 'Save as…' }).click()
    await expect(proxies.getByRole('status').filter({ hasText: `Saved ${own.length} proxies to ${join(dir, 'list.csv')}` })).toBeVisible()
    const text = readFileSync(join(dir, 'list.csv'), 'utf8')
    const rows = parseProxyLines(text).proxies
    expect(rows.map((r) => r.proxyId).sort()).toEqual(own.map((p) => p.id).sort())
    expect(rows.every((r) => r.connectionName === conn.name)).toBe(true)

    // Cancelling the dialog writes nothing.
    app.desktop.nextSavePath = undefined
    await proxies.getByRole('button', { name: 'Save as…' }).click()
    await expect(proxies.getByRole('status').filter({ hasText: 'Nothing was saved.' })).toBeVisible()
    expect(readdirSync(dir)).toEqual(['list.csv'])

    // The native dialog is titled in the interface's language.
    expect(app.desktop.dialogsShown).toEqual(['Save proxies', 'Save proxies'])
    await page.getByLabel('Language').selectOption('ru')
    await page.getByRole('region', { name: 'Списки прокси' }).getByRole('button', { name: 'Сохранить как…' }).click()
    await expect.poll(() => app.desktop.dialogsShown.at(-1)).toBe('Сохранить прокси')
    await expect(page.getByText(/ставится апостроф: так таблица покажет их как текст/)).toBeVisible()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('downloads every VPN file into a zip, and into a folder with one failing access reported by name', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const vpns = [...sim.state.vpns.values()]
  const dir = scratch()
  try {
    await openExports(page)
    const section = page.getByRole('region', { name: 'OpenVPN files' })
    await expect(section.getByText(`${vpns.length} VPN accesses in this account.`)).toBeVisible()

    app.desktop.nextSavePath = join(dir, 'all.zip')
    await section.getByRole('button', { name: 'Download all as one .zip…' }).click()
    await expect(section.getByRole('status').filter({ hasText: `Wrote ${vpns.length} files into ${join(dir, 'all.zip')}` })).toBeVisible({ timeout: 15_000 })
    const entries = Object.keys(unzipSync(new Uint8Array(readFileSync(join(dir, 'all.zip')))))
    expect(entries).toHaveLength(vpns.length)
    expect(entries.every((e) => e.endsWith('.ovpn'))).toBe(true)

    const broken = vpns[0]!
    sim.faults.set([{ path: `/connections/${broken.connectionId}/ovpn-access/${broken.id}/config`, fault: { kind: 'malformed-json' } }])
    const folder = join(dir, 'folder')
    mkdirSync(folder)
    app.desktop.nextFolder = folder
    await section.getByRole('button', { name: 'Download all into a folder…' }).click()
    await expect(section.getByRole('status').filter({ hasText: `Wrote ${vpns.length - 1} files into ${folder}` })).toBeVisible({ timeout: 15_000 })
    const brokenName = `${sim.state.connections.get(broken.connectionId)!.name} - ${broken.name}`
    await expect(section.getByText('1 file could not be downloaded:')).toBeVisible()
    await expect(section.getByRole('listitem').filter({ hasText: brokenName })).toBeVisible()
    expect(readdirSync(folder).filter((f) => f.endsWith('.ovpn'))).toHaveLength(vpns.length - 1)
    expect(readdirSync(folder).filter((f) => !f.endsWith('.ovpn'))).toEqual([])

    // Again into the same folder: the files there are kept byte-identical, the new ones get "(2)" and are listed.
    sim.faults.clear()
    const before = new Map(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f)).toString('base64')]))
    await section.getByRole('button', { name: 'Download all into a folder…' }).click()
    await expect(section.getByText(`${vpns.length - 1} files of the same name were already there and were kept as they were`)).toBeVisible({ timeout: 15_000 })
    const [kept] = before.keys()
    await expect(section.getByRole('listitem').filter({ hasText: `${kept!.replace(/\.ovpn$/, ' (2).ovpn')} (instead of ${kept})` })).toBeVisible()
    for (const [f, bytes] of before) expect(readFileSync(join(folder, f)).toString('base64')).toBe(bytes)
    expect(readdirSync(folder)).toHaveLength(before.size + vpns.length)
  } finally {
    sim.faults.clear()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the clipboard-clearing setting is kept, and the copy confirmation follows it (English and Russian)', async ({ app }) => {
  const { page } = app
  await openExports(page)
  const proxies = page.getByRole('region', { name: 'Proxy lists' })
  const setting = proxies.getByLabel('Clear copied passwords from the clipboard')
  await expect(setting).toHaveValue('60')
  await setting.selectOption({ label: 'after 15 s' })
  await expect.poll(async () => (await app.core.implementations['exports.getPreferences'](undefined)).clearClipboardSeconds).toBe(15)
  await proxies.getByLabel('Format').selectOption('url')
  await proxies.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(proxies.getByRole('status').filter({ hasText: /^Copied/ })).toContainText('cleared in 15 s')

  await setting.selectOption({ label: 'never' })
  // Saved before the copy reads it (a copy right after the change raced the save and read the old value).
  await expect.poll(async () => (await app.core.implementations['exports.getPreferences'](undefined)).clearClipboardSeconds).toBe(0)
  await proxies.getByRole('button', { name: 'Copy to clipboard' }).click()
  await expect(proxies.getByRole('status').filter({ hasText: /^Copied/ })).not.toContainText('cleared')

  await page.getByLabel('Language').selectOption('ru')
  const ru = page.getByRole('region', { name: 'Списки прокси' })
  const ruSetting = ru.getByLabel('Удалять скопированные пароли из буфера обмена')
  await expect(ruSetting).toHaveValue('0')
  await ruSetting.selectOption({ label: 'через 1 мин' })
  await expect.poll(async () => (await app.core.implementations['exports.getPreferences'](undefined)).clearClipboardSeconds).toBe(60)
  await ru.getByRole('button', { name: 'Копировать в буфер обмена' }).click()
  await expect(ru.getByRole('status').filter({ hasText: /^Скопировано/ })).toContainText('буфер обмена будет очищен через 60 с')
})

test('an OpenVPN file that runs a script is shown before it is saved; cancel saves nothing, "Save anyway" saves it', async ({ app }) => {
  const { page } = app
  const sim = await app.simulator()
  const vpns = [...sim.state.vpns.values()]
  const bad = vpns[0]!
  const badName = `${sim.state.connections.get(bad.connectionId)!.name} - ${bad.name}`
  const dangerous = 'client\ndev tun\nremote 127.0.0.1 1194\nscript-security 2\nup /tmp/x.sh\n'
  const body = { config_base64: Buffer.from(dangerous).toString('base64'), config_sha1: createHash('sha1').update(dangerous).digest('hex') }
  sim.faults.set([{ path: `/connections/${bad.connectionId}/ovpn-access/${bad.id}/config`, fault: { kind: 'json', body } }])
  const dir = scratch()
  try {
    await openExports(page)
    const section = page.getByRole('region', { name: 'OpenVPN files' })
    app.desktop.nextFolder = dir
    await section.getByRole('button', { name: 'Download all into a folder…' }).click()
    const warning = page.getByRole('dialog', { name: 'Save files that run programs?' })
    await expect(warning).toBeVisible({ timeout: 15_000 })
    const file = warning.getByRole('region', { name: badName })
    await expect(file.locator('pre')).toHaveText('4: script-security 2\n5: up /tmp/x.sh')
    await expect(warning.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await warning.getByRole('button', { name: 'Cancel' }).click()
    await expect(warning).toBeHidden()
    await expect(section.getByRole('status').filter({ hasText: 'Nothing was saved.' })).toBeVisible()
    expect(app.desktop.dialogsShown).toEqual([])
    expect(readdirSync(dir)).toEqual([])

    await section.getByRole('button', { name: 'Download all into a folder…' }).click()
    await page.getByRole('dialog', { name: 'Save files that run programs?' }).getByRole('button', { name: 'Save anyway' }).click()
    await expect(section.getByRole('status').filter({ hasText: `Wrote ${vpns.length} files into ${dir}` })).toBeVisible({ timeout: 15_000 })
    expect(app.desktop.dialogsShown).toEqual(['Choose a folder for the OpenVPN configs'])
    const saved = readdirSync(dir).filter((f) => readFileSync(join(dir, f), 'utf8') === dangerous)
    expect(saved).toHaveLength(1)

    // In Russian too.
    await page.getByLabel('Language').selectOption('ru')
    await page.getByRole('region', { name: 'Файлы OpenVPN' }).getByRole('button', { name: 'Скачать все в папку…' }).click()
    const ru = page.getByRole('dialog', { name: 'Сохранить файлы, которые запускают программы?' })
    await expect(ru.getByRole('region', { name: badName }).locator('pre')).toContainText('5: up /tmp/x.sh', { timeout: 15_000 })
    await ru.getByRole('button', { name: 'Отмена' }).click()
  } finally {
    sim.faults.clear()
    rmSync(dir, { recursive: true, force: true })
  }
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the Exports screen in the ${scheme} theme`, async ({ app }) => {
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 900 })
    await openExports(page)
    await expect(page.getByRole('region', { name: 'Proxy lists' }).locator('pre')).toBeVisible()
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `exports-${scheme}.png`) })
  })
}
