/**
 * The update model as a table: each state and event, the state the banner would show next. What a user notices:
 * a background re-check never hides a download under way or an update ready to install; an error keeps the
 * version it was about; "only notify" stops at "available".
 */
import { describe, expect, it } from 'vitest'
import { feedFileName, INITIAL_UPDATE_STATE, reduceUpdate, shouldDownload, type UpdateEvent } from '../../../src/main/update/model'
import type { UpdateState } from '../../../src/shared/update'

const available: UpdateState = { kind: 'available', version: '1.3.0', releaseNotes: 'Fixes.' }
const downloading: UpdateState = { kind: 'downloading', version: '1.3.0', releaseNotes: 'Fixes.', percent: 50, transferred: 50, total: 100 }
const ready: UpdateState = { kind: 'ready', version: '1.3.0', releaseNotes: 'Fixes.' }

const cases: Array<[string, UpdateState, UpdateEvent, UpdateState]> = [
  ['a check starts from idle', INITIAL_UPDATE_STATE, { type: 'check-started' }, { kind: 'checking' }],
  ['a check after an error tries again', { kind: 'error', message: 'offline' }, { type: 'check-started' }, { kind: 'checking' }],
  ['a re-check leaves a download under way', downloading, { type: 'check-started' }, downloading],
  ['a re-check leaves a ready update', ready, { type: 'check-started' }, ready],
  ['a newer version is available, with its notes', { kind: 'checking' }, { type: 'update-available', version: '1.3.0', releaseNotes: 'Fixes.' }, available],
  ['nothing new: idle, with when it was checked', { kind: 'checking' }, { type: 'update-not-available', at: '2026-12-06T05:00:00Z' }, { kind: 'idle', lastCheckedAt: '2026-12-06T05:00:00Z' }],
  ['the same version found again stays ready', ready, { type: 'update-available', version: '1.3.0' }, ready],
  ['a newer one than the ready one starts over', ready, { type: 'update-available', version: '1.4.0' }, { kind: 'available', version: '1.4.0' }],
  ['progress: percent of the total, whole numbers', available, { type: 'download-progress', transferred: 333, total: 1000 }, { kind: 'downloading', version: '1.3.0', releaseNotes: 'Fixes.', percent: 33, transferred: 333, total: 1000 }],
  ['progress past the total is capped', available, { type: 'download-progress', transferred: 2000, total: 1000 }, { kind: 'downloading', version: '1.3.0', releaseNotes: 'Fixes.', percent: 100, transferred: 1000, total: 1000 }],
  ['progress with no release known is ignored', INITIAL_UPDATE_STATE, { type: 'download-progress', transferred: 1, total: 2 }, INITIAL_UPDATE_STATE],
  ['downloaded: ready to install', downloading, { type: 'update-downloaded', version: '1.3.0' }, ready],
  ['an error mid-download keeps the version', downloading, { type: 'error', message: 'reset' }, { kind: 'error', message: 'reset', release: { version: '1.3.0', releaseNotes: 'Fixes.' } }],
  ['an error while checking has no version', { kind: 'checking' }, { type: 'error', message: 'HTTP 404' }, { kind: 'error', message: 'HTTP 404' }],
]

describe('the update model', () => {
  for (const [name, from, event, to] of cases) it(name, () => expect(reduceUpdate(from, event)).toEqual(to))

  it('downloads on its own unless told only to notify, and only from "available"', () => {
    expect(shouldDownload(available, { channel: 'stable', onlyNotify: false })).toBe(true)
    expect(shouldDownload(available, { channel: 'beta', onlyNotify: true })).toBe(false)
    expect(shouldDownload(ready, { channel: 'stable', onlyNotify: false })).toBe(false)
  })

  it('reads the feed file electron-builder writes for each platform and channel', () => {
    expect(['win32', 'darwin', 'linux'].map((p) => feedFileName('stable', p))).toEqual(['latest.yml', 'latest-mac.yml', 'latest-linux.yml'])
    expect(['win32', 'darwin', 'linux'].map((p) => feedFileName('beta', p))).toEqual(['beta.yml', 'beta-mac.yml', 'beta-linux.yml'])
  })
})
