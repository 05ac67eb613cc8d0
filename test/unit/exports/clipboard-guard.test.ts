/**
 * A copied proxy list with passwords leaves the clipboard after the set time (default 60 s, 0 = never), and on
 * quit, but only while the clipboard still holds what the app wrote.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DesktopIntegration } from '../../../src/main/desktop'
import { createClipboardGuard } from '../../../src/main/exports/clipboard-guard'
import { createExportsService } from '../../../src/main/exports/service'
import { exportsTestBed } from './test-bed'

/** A desktop whose clipboard is one string, written asynchronously as Electron's is; every write is recorded. */
function fakeDesktop() {
  const d = {
    now: '',
    writes: [] as string[],
    chooseSaveFile: async () => undefined,
    chooseFolder: async () => undefined,
    chooseOpenFile: async () => undefined,
    writeClipboard: async (text: string) => {
      d.writes.push(text)
      d.now = text
    },
    readClipboard: async () => d.now,
  }
  return d satisfies DesktopIntegration
}

describe('the clipboard guard (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('clears the copy after the set time, not before', async () => {
    vi.useFakeTimers()
    const desktop = fakeDesktop()
    const guard = createClipboardGuard(desktop)
    await guard.write('user:secret@host:1', 60)
    await vi.advanceTimersByTimeAsync(59_999)
    expect(desktop.now).toBe('user:secret@host:1')
    await vi.advanceTimersByTimeAsync(1)
    expect(desktop.now).toBe('')
    expect(desktop.writes).toEqual(['user:secret@host:1', ''])
  })

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    vi.useFakeTimers()
    const desktop = fakeDesktop()
    const guard = createClipboardGuard(desktop)
    await guard.write('user:secret@host:1', 60)
    desktop.now = 'something the user copied'
    await vi.advanceTimersByTimeAsync(120_000)
    expect(desktop.now).toBe('something the user copied')
    expect(desktop.writes).toEqual(['user:secret@host:1'])
  })

  it('0 means never', async () => {
    vi.useFakeTimers()
    const desktop = fakeDesktop()
    await createClipboardGuard(desktop).write('user:secret@host:1', 0)
    await vi.advanceTimersByTimeAsync(24 * 3600_000)
    expect(desktop.now).toBe('user:secret@host:1')
  })

  it('a new copy starts its own time; the earlier timer does not clear it early', async () => {
    vi.useFakeTimers()
    const desktop = fakeDesktop()
    const guard = createClipboardGuard(desktop)
    await guard.write('first', 60)
    await vi.advanceTimersByTimeAsync(30_000)
    await guard.write('second', 60)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(desktop.now).toBe('second')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(desktop.now).toBe('')
  })

  it('on quit, a copy still waiting is cleared at once, and only if it is still ours', async () => {
    vi.useFakeTimers()
    const ours = fakeDesktop()
    const guard = createClipboardGuard(ours)
    await guard.write('user:secret@host:1', 60)
    await guard.dispose()
    expect(ours.now).toBe('')

    const theirs = fakeDesktop()
    const other = createClipboardGuard(theirs)
    await other.write('user:secret@host:1', 60)
    theirs.now = 'the user’s own'
    await other.dispose()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(theirs.now).toBe('the user’s own')
  })
})

describe('copying proxies through the exports service', () => {
  const bed = exportsTestBed('iproxy-clipboard-')

  function service() {
    const desktop = fakeDesktop()
    return { desktop, svc: createExportsService({ client: () => bed.client, desktop, userDataDir: join(bed.dir, 'userData') }) }
  }

  it('a list with passwords says when it will be cleared (60 s by default); addresses only are not cleared', async () => {
    const { desktop, svc } = service()
    const copied = await svc.copyProxies({ format: 'url', address: 'ip' })
    expect(copied.clearsInSeconds).toBe(60)
    expect(desktop.now).toMatch(/:\/\/[^@\n]+:[^@\n]+@/)
    const plain = await svc.copyProxies({ format: 'host:port', address: 'ip' })
    expect(plain.clearsInSeconds).toBeUndefined()
    const template = await svc.copyProxies({ format: 'template', address: 'ip', template: '{host}:{port}:{login}' })
    expect(template.clearsInSeconds).toBeUndefined()
    expect((await svc.copyProxies({ format: 'template', address: 'ip', template: '{host}|{password_url}' })).clearsInSeconds).toBe(60)
    await svc.dispose()
  })

  it('the setting is kept; the copy is cleared after it, and 0 keeps it', async () => {
    const { desktop, svc } = service()
    await svc.setPreferences({ clearClipboardSeconds: 1 })
    expect((await service().svc.getPreferences()).clearClipboardSeconds).toBe(1)
    const copied = await svc.copyProxies({ format: 'csv', address: 'ip' })
    expect(copied.clearsInSeconds).toBe(1)
    const text = desktop.now
    expect(text).toMatch(/^connection_name,/)
    await vi.waitFor(() => expect(desktop.now).toBe(''), { timeout: 3_000, interval: 50 })
    expect(desktop.writes).toEqual([text, ''])

    await svc.setPreferences({ clearClipboardSeconds: 0 })
    expect((await svc.copyProxies({ format: 'csv', address: 'ip' })).clearsInSeconds).toBeUndefined()
    await svc.dispose()
    expect(desktop.now).toMatch(/^connection_name,/)
  })
})
