/**
 * "Copy diagnostics" (issue 17, point 13): app, OS and runtime versions, the data folder and the recent errors,
 * with no key, password or proxy address, even when secrets went through the log in every form.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDiagnostics } from '../../../src/main/app/diagnostics'
import { createLogger } from '../../../src/main/log'
import { createLogFile, logDirOf } from '../../../src/main/log-file'

describe('diagnostics', () => {
  it('says what support asks for and carries no secret the log was given', () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'iproxy-diag-'))
    const logDir = logDirOf(userDataDir)
    const write = createLogFile({ dir: logDir })
    const log = createLogger((line, entry) => write(line, entry))
    const secrets = ['ApiKey-9f8e7d', 'ProxyPw-1a2b', 'BotToken-77x', 'BasicCred-5q']
    log('request failed with authorization: Bearer ApiKey-9f8e7d', new Error('401'))
    log('check of socks5://alice:ProxyPw-1a2b@10.1.2.3:1080 failed', new Error('auth_failed'))
    log('webhook https://api.telegram.example/send?token=BotToken-77x failed', new Error('timeout'))
    log('relay {"password":"ProxyPw-1a2b","Proxy-Authorization":"Basic BasicCred-5q"}', new Error('refused'))
    log('an info line with api_key=ApiKey-9f8e7d')

    const text = buildDiagnostics({
      appInfo: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: false },
      userDataDir,
      logDir,
      versions: { electron: '45.0.0', chrome: '142.0.0.0', node: '22.20.0' },
      os: 'Linux 6.1.0 x64',
      now: () => new Date('2026-01-02T03:04:05Z'),
    })
    expect(text).toContain('iProxy Desktop 1.2.3')
    expect(text).toContain('OS: Linux 6.1.0 x64 (linux)')
    expect(text).toContain('Electron: 45.0.0, Chrome: 142.0.0.0, Node: 22.20.0')
    expect(text).toContain(`Data folder: ${userDataDir}`)
    expect(text).toContain('Recent errors (last 4):')
    expect(text).toContain('check of socks5://***@10.1.2.3:1080 failed: Error: auth_failed')
    for (const secret of secrets) expect(text).not.toContain(secret)
    // No proxy address with its login: the user part of every URL is gone.
    expect(text).not.toContain('alice')
  })

  it('says so when the log has no errors', () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'iproxy-diag-'))
    const text = buildDiagnostics({ appInfo: { name: 'iProxy Desktop', version: '1.2.3', platform: 'linux', demoMode: true }, userDataDir, logDir: logDirOf(userDataDir) })
    expect(text).toContain('iProxy Desktop 1.2.3 (demo)')
    expect(text).toContain('Recent errors: none')
    expect(text).toContain(`Node: ${process.versions.node}`)
  })
})
