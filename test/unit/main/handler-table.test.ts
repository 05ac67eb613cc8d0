import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../src/main/wiring'
import { createMemorySecretStore } from '../../../src/main/secrets/keychain'
import { createHandlerTable, createSenderCheck } from '../../../src/main/handler-table'
import { listCalls } from '../../../src/shared/bridge'

const APP_PAGE = 'app://iproxy-desktop/index.html'

function setup() {
  const logs: string[] = []
  const opened: string[] = []
  const clipboard: string[] = []
  const core = createServices({
    appInfo: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: false },
    emit: () => {},
    log: (message) => logs.push(message),
    openExternal: async (url) => {
      opened.push(url)
    },
    userDataDir: mkdtempSync(join(tmpdir(), 'iproxy-handler-table-')),
    keychain: createMemorySecretStore(),
    desktop: {
      chooseSaveFile: async () => undefined,
      chooseFolder: async () => undefined,
      chooseOpenFile: async () => undefined,
      writeClipboard: (text) => {
        clipboard.push(text)
      },
      readClipboard: async () => clipboard.at(-1) ?? '',
    },
  })
  const table = createHandlerTable({
    implementations: core.implementations,
    isTrustedSender: createSenderCheck(APP_PAGE),
    log: (message) => logs.push(message),
  })
  return { table, logs, opened, core, clipboard }
}

describe('handler table', () => {
  it('registers one channel per contract call, named from the contract keys', () => {
    const { table } = setup()
    expect(table.channels).toEqual(listCalls().map(([name]) => name))
    expect(table.channels).toContain('app.info')
  })

  it('answers the app page with the app info', async () => {
    const { table } = setup()
    await expect(table.handle('app.info', `${APP_PAGE}#/proxies`, undefined)).resolves.toEqual({
      ok: true,
      value: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: false },
    })
  })

  it.each([
    ['a remote page', 'https://evil.example/index.html'],
    ['another local file', 'file:///tmp/evil.html'],
    ['the built page’s own path over file://', 'file:///index.html'],
    ['a file:// URL with a host (a UNC path on Windows)', 'file://evilhost/index.html'],
    ['another app:// host', 'app://evil/index.html'],
    ['the app host over another scheme', 'https://iproxy-desktop/index.html'],
    ['the app origin with credentials', 'app://user:pw@iproxy-desktop/index.html'],
    ['a frame that is gone', undefined],
    ['garbage', 'not a url'],
  ])('refuses a call from %s and logs it', async (_label, sender) => {
    const { table, logs, opened } = setup()
    const result = await table.handle('app.openExternal', sender, { url: 'https://iproxy.online/' })
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/refused/) } })
    expect(opened).toEqual([])
    expect(logs.some((l) => l.includes('refused call "app.openExternal"'))).toBe(true)
  })

  it('trusts the built app by its app:// origin, whatever the path', () => {
    const trusted = createSenderCheck(APP_PAGE)
    expect(trusted('app://iproxy-desktop/index.html?recovered=1#/proxies')).toBe(true)
    expect(trusted('app://iproxy-desktop/')).toBe(true)
    expect(trusted('app://iproxy-desktop.evil/index.html')).toBe(false)
    expect(trusted('file://iproxy-desktop/index.html')).toBe(false)
    // A file:// page is never trusted, not even when it is the page the check was made for.
    expect(createSenderCheck('file:///opt/iproxy/out/renderer/index.html')('file:///opt/iproxy/out/renderer/index.html')).toBe(false)
  })

  it('trusts the dev server by origin, not by path', () => {
    const trusted = createSenderCheck('http://localhost:5173/')
    expect(trusted('http://localhost:5173/index.html#x')).toBe(true)
    expect(trusted('http://localhost:5174/')).toBe(false)
    expect(trusted('https://localhost:5173/')).toBe(false)
  })

  it('gives a validation error naming the bad field for malformed input', async () => {
    const { table, opened } = setup()
    const wrongType = await table.handle('app.openExternal', APP_PAGE, { url: 42 })
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'validation', details: { issues: [{ field: 'url' }] } } })
    expect(wrongType.ok === false && wrongType.error.message).toMatch(/^Invalid input for app\.openExternal: url: /)

    const missing = await table.handle('app.openExternal', APP_PAGE, {})
    expect(missing).toMatchObject({ ok: false, error: { code: 'validation', details: { issues: [{ field: 'url' }] } } })

    const extra = await table.handle('app.openExternal', APP_PAGE, { url: 'https://iproxy.online/', admin: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('admin') } })

    const notAnObject = await table.handle('app.openExternal', APP_PAGE, 'https://iproxy.online/')
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'validation', details: { issues: [{ field: '(input)' }] } } })

    const strayArgument = await table.handle('app.info', APP_PAGE, { please: 'leak' })
    expect(strayArgument).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(opened).toEqual([])
  })

  it('answers an unknown channel with an error, not a throw', async () => {
    const { table } = setup()
    await expect(table.handle('app.__proto__', APP_PAGE, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'unknown_call' } })
    await expect(table.handle('nope', APP_PAGE, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'unknown_call' } })
  })

  it('opens only allow-listed https links, and says why it refuses others', async () => {
    const { table, opened } = setup()
    await expect(table.handle('app.openExternal', APP_PAGE, { url: 'https://iproxy.online/app/settings' })).resolves.toEqual({ ok: true })
    const refused = await table.handle('app.openExternal', APP_PAGE, { url: 'http://iproxy.online/' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'link_not_allowed', message: expect.stringContaining('iproxy.online') } })
    await table.handle('app.openExternal', APP_PAGE, { url: 'https://iproxy.online.evil.example/' })
    expect(opened).toEqual(['https://iproxy.online/app/settings'])
  })

  it('copies text for the page, which may not touch the clipboard itself', async () => {
    const { table, clipboard } = setup()
    await expect(table.handle('app.copyText', APP_PAGE, { text: '493021' })).resolves.toEqual({ ok: true })
    await expect(table.handle('app.copyText', APP_PAGE, { text: '' })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(clipboard).toEqual(['493021'])
  })

  it('turns an unexpected throw into a generic error and logs the cause, without leaking it', async () => {
    const logs: string[] = []
    const { core } = setup()
    const table = createHandlerTable({
      implementations: {
        ...core.implementations,
        'app.info': () => {
          throw new Error('db password=hunter2 exploded')
        },
      },
      isTrustedSender: () => true,
      log: (message, err) => logs.push(`${message} ${String(err)}`),
    })
    const result = await table.handle('app.info', APP_PAGE, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('hunter2')
    expect(logs.join('\n')).toContain('exploded')
  })
})
