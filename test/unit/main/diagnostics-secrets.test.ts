/**
 * "Copy diagnostics" with settings and the last API check (issue 24, point 2): the data folder's settings files
 * are copied with their ordinary values, and nothing secret from them or from the log: an API key, a proxy
 * password, a full proxy URL with its credentials, a Telegram bot token.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDiagnostics, rememberDriftReport } from '../../../src/main/app/diagnostics'
import { createLogger } from '../../../src/main/log'
import { createLogFile, logDirOf } from '../../../src/main/log-file'

const API_KEY = 'ipx_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c'
const PASSWORD = 'S3cretProxyPass'
const PROXY_URL = `http://mobileuser:${PASSWORD}@203.0.113.7:30012`
const BOT_TOKEN = '7123456789:AAHk3v9QxYzLmN0pQrStUvWxYz123456789'

describe('diagnostics with settings and the API check', () => {
  it('copies the settings and the check verdict, and no key, password, proxy URL or bot token', () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'iproxy-diag-secrets-'))
    writeFileSync(join(userDataDir, 'health-settings.json'), JSON.stringify({ concurrency: 8, timeoutSeconds: 10, webhookUrl: PROXY_URL }))
    writeFileSync(join(userDataDir, 'watch-settings.json'), JSON.stringify({ intervalMinutes: 5, telegram: { botToken: BOT_TOKEN, chatId: '-100123' }, note: `bot ${BOT_TOKEN}` }))
    writeFileSync(join(userDataDir, 'profiles.json'), JSON.stringify({ profiles: [{ name: 'Work', baseUrl: 'https://iproxy.online/api/console/v1/', apiKey: API_KEY }] }))
    writeFileSync(join(userDataDir, 'export-preferences.json'), JSON.stringify({ format: 'url', lastTemplate: `{scheme}://{login}:{password}@{host}:{port} e.g. ${PROXY_URL}` }))
    writeFileSync(join(userDataDir, 'history.sqlite'), 'not a settings file')
    const logDir = logDirOf(userDataDir)
    const write = createLogFile({ dir: logDir })
    const log = createLogger((line, entry) => write(line, entry))
    log(`proxy check of ${PROXY_URL} failed`, new Error('refused'))
    log(`telegram send failed for https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`, new Error('401'))
    log(`profile activation with api_key=${API_KEY} failed`, new Error('401'))

    rememberDriftReport({
      checkedAt: '2026-12-06T05:00:00.000Z', apiHost: 'iproxy.online', connection: 'ab…yz', endpoints: [], clean: false,
      differences: [{ endpoint: '/me', kind: 'undocumented-field', path: 'loyalty_tier', count: 1, breaks: false }],
      verdict: 'Verdict: 1 difference from the docs at 1 of 16 endpoints, none of them breaks what the app reads.',
    })
    const text = buildDiagnostics({ appInfo: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: false }, userDataDir, logDir })

    expect(text).toContain('Settings (secrets replaced by ***):')
    expect(text).toContain('health-settings.json: {"concurrency":8,"timeoutSeconds":10,"webhookUrl":"***"}')
    expect(text).toContain('"intervalMinutes":5')
    expect(text).toContain('"baseUrl":"https://iproxy.online/api/console/v1/"')
    expect(text).not.toContain('history.sqlite')
    expect(text).toContain('API check (2026-12-06T05:00:00.000Z): Verdict: 1 difference from the docs')
    expect(text).toContain('GET /me loyalty_tier: a field the docs do not mention')
    expect(text).toContain('Recent errors (last 3):')
    for (const secret of [API_KEY, PASSWORD, PROXY_URL, BOT_TOKEN, 'mobileuser:', '-100123']) expect(text).not.toContain(secret)
  })

  it('says the settings are defaults and the API was not checked when neither is there', () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'iproxy-diag-secrets-'))
    rememberDriftReport(undefined as never)
    const text = buildDiagnostics({ appInfo: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: false }, userDataDir, logDir: logDirOf(userDataDir) })
    expect(text).toContain('Settings: defaults')
    expect(text).toContain('API check: not run')
  })
})
