import { createHash } from 'node:crypto'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { buildOvpnConfig } from '../../../src/main/demo'
import type { DesktopIntegration } from '../../../src/main/desktop'
import type { UiLanguage } from '../../../src/shared/bridge'
import { createExportsService } from '../../../src/main/exports/service'
import { loadOvpnConfigs, verifyOvpnConfig, writeOvpnFile, writeOvpnFolder, writeOvpnZip, type OvpnJob } from '../../../src/main/exports/ovpn-files'
import { AppError } from '../../../src/main/app-error'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'
import { exportsTestBed } from './test-bed'

const bed = exportsTestBed('iproxy-exports-')

/** A desktop whose dialogs answer what the test says, and whose clipboard is recorded. */
function fakeDesktop() {
  const d = {
    nextSavePath: undefined as string | undefined,
    nextFolder: undefined as string | undefined,
    clipboard: [] as string[],
    dialogs: [] as Array<{ kind: string; title: string; defaultName?: string; filters?: string[] }>,
    chooseSaveFile: async (o: { title: string; defaultName: string; filters: Array<{ name: string }> }) => {
      d.dialogs.push({ kind: 'save', title: o.title, defaultName: o.defaultName, filters: o.filters.map((f) => f.name) })
      return d.nextSavePath
    },
    chooseFolder: async (o: { title: string }) => {
      d.dialogs.push({ kind: 'folder', title: o.title })
      return d.nextFolder
    },
    // Exports never open a file.
    chooseOpenFile: async () => undefined,
    writeClipboard: (text: string) => {
      d.clipboard.push(text)
    },
    readClipboard: async () => d.clipboard.at(-1) ?? '',
  }
  return d satisfies DesktopIntegration
}

/** Root ignores file modes, so as root a folder under /sys (read-only to everyone) stands in for a read-only one. */
async function readOnlyFolder(): Promise<string> {
  if (process.getuid?.() === 0) return '/sys'
  const ro = join(bed.dir, 'read-only')
  const { mkdir, chmod } = await import('node:fs/promises')
  await mkdir(ro)
  await chmod(ro, 0o555)
  return ro
}

const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex')

function expectedConfig(ovpnId: string): string {
  const vpn = bed.sim.state.vpns.get(ovpnId)
  const conn = vpn && bed.sim.state.connections.get(vpn.connectionId)
  if (!vpn || !conn) throw new Error('no such vpn')
  return buildOvpnConfig({ accessId: vpn.id, serverId: conn.serverId, name: vpn.name, dns: conn.settings.dns })
}


describe('.ovpn files written directly', () => {
  const good = (text: string) => ({ config_base64: Buffer.from(text).toString('base64'), config_sha1: sha1(text) })

  it('writes the decoded text; a SHA-1 mismatch or bad base64 writes nothing', async () => {
    const path = join(bed.dir, 'a.ovpn')
    await writeOvpnFile(path, good('client\nremote 127.0.0.1 1194\n'), 'A')
    expect(await readFile(path, 'utf8')).toBe('client\nremote 127.0.0.1 1194\n')

    const bad = { ...good('client\n'), config_sha1: sha1('something else') }
    await expect(writeOvpnFile(join(bed.dir, 'b.ovpn'), bad, 'B')).rejects.toMatchObject({ code: 'ovpn_checksum', message: expect.stringContaining('"B"') })
    await expect(writeOvpnFile(join(bed.dir, 'c.ovpn'), { config_base64: '!!not base64!!', config_sha1: sha1('x') }, 'C')).rejects.toMatchObject({ code: 'ovpn_invalid' })
    await expect(writeOvpnFile(join(bed.dir, 'd.ovpn'), { config_base64: '', config_sha1: sha1('') }, 'D')).rejects.toMatchObject({ code: 'ovpn_invalid' })
    expect(await readdir(bed.dir)).toEqual(['a.ovpn'])
  })

  it('a mismatch never replaces an existing file', async () => {
    const path = join(bed.dir, 'keep.ovpn')
    await writeFile(path, 'old')
    await expect(writeOvpnFile(path, { ...good('new'), config_sha1: '0'.repeat(40) }, 'K')).rejects.toBeInstanceOf(AppError)
    expect(await readFile(path, 'utf8')).toBe('old')
    expect(await readdir(bed.dir)).toEqual(['keep.ovpn'])
  })

  it('accepts a checksum over the base64 text as sent', () => {
    const b64 = Buffer.from('x').toString('base64')
    expect(verifyOvpnConfig({ config_base64: b64, config_sha1: sha1(b64) }, 'n').toString()).toBe('x')
  })

  it('a read-only folder gives a clear error and writes nothing', async () => {
    const ro = await readOnlyFolder()
    const before = await readdir(ro)
    const err = await writeOvpnFolder(ro, [{ name: 'A', bytes: Buffer.from('a') }]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'write_failed', message: expect.stringMatching(/^Could not save into .+: .+: choose .+\.$/) })
    expect(await readdir(ro)).toEqual(before)
    await expect(writeOvpnFile(join(ro, 'x.ovpn'), good('a'), 'A')).rejects.toMatchObject({ code: 'write_failed' })
  })

  it('bulk: one failing config is reported by name, the others are written, nothing else is left', async () => {
    const jobs: OvpnJob[] = [
      { name: 'Phone - CON', load: async () => good('one') },
      { name: 'Broken', load: async () => ({ ...good('two'), config_sha1: '1'.repeat(40) }) },
      { name: 'Gone', load: async () => Promise.reject(new Error('HTTP 404: not found')) },
      { name: 'phone - con', load: async () => good('three') },
    ]
    const res = await writeOvpnFolder(bed.dir, await loadOvpnConfigs(jobs))
    expect(res.failed.map((f) => f.name)).toEqual(['Broken', 'Gone'])
    expect(res.failed[1]?.reason).toBe('HTTP 404: not found')
    // The checksum failure keeps its code, so the page words it in the interface's language (errors.ovpn_checksum).
    expect(res.failed[0]?.code).toBe('ovpn_checksum')
    expect(res.written.map((w) => w.name)).toEqual(['Phone - CON.ovpn', 'phone - con (2).ovpn'])
    expect((await readdir(bed.dir)).sort()).toEqual(['Phone - CON.ovpn', 'phone - con (2).ovpn'])
    expect(await readFile(join(bed.dir, 'phone - con (2).ovpn'), 'utf8')).toBe('three')

    const zipPath = join(bed.dir, 'all.zip')
    const zres = await writeOvpnZip(zipPath, await loadOvpnConfigs(jobs))
    expect(zres.failed.map((f) => f.name)).toEqual(['Broken', 'Gone'])
    const entries = unzipSync(new Uint8Array(await readFile(zipPath)))
    expect(Object.keys(entries)).toEqual(['Phone - CON.ovpn', 'phone - con (2).ovpn'])
    expect(Buffer.from(entries['Phone - CON.ovpn'] ?? []).toString()).toBe('one')
  })

  it('a zip where nothing loads is not written', async () => {
    const res = await writeOvpnZip(join(bed.dir, 'none.zip'), await loadOvpnConfigs([{ name: 'X', load: async () => Promise.reject(new Error('down')) }]))
    expect(res).toEqual({ path: join(bed.dir, 'none.zip'), written: [], failed: [{ name: 'X', reason: 'down' }], withScripts: [] })
    expect(await readdir(bed.dir)).toEqual([])
  })
})

describe('the exports service against the simulator', () => {
  function service(language?: () => UiLanguage) {
    const desktop = fakeDesktop()
    return { desktop, svc: createExportsService({ client: () => bed.client, desktop, userDataDir: join(bed.dir, 'userData'), ...(language ? { language } : {}) }) }
  }

  it("titles the native dialogs in the interface's language, as it changes", async () => {
    let language: UiLanguage = 'en'
    const { desktop, svc } = service(() => language)
    const vpn = [...bed.sim.state.vpns.values()][0]!
    await svc.saveProxies({ format: 'csv', address: 'ip' })
    language = 'ru'
    await svc.saveProxies({ format: 'url', address: 'ip' })
    await svc.saveOvpn({ connId: vpn.connectionId, ovpnId: vpn.id })
    await svc.saveOvpnMany({ into: 'zip' })
    await svc.saveOvpnMany({ into: 'folder' })
    expect(desktop.dialogs.map(({ kind, title, filters }) => ({ kind, title, filters }))).toEqual([
      { kind: 'save', title: 'Save proxies', filters: ['CSV'] },
      { kind: 'save', title: 'Сохранить прокси', filters: ['Текст'] },
      { kind: 'save', title: 'Сохранить конфигурацию OpenVPN', filters: ['Конфигурация OpenVPN'] },
      { kind: 'save', title: 'Сохранить конфигурации OpenVPN в zip-архив', filters: ['Zip-архив'] },
      { kind: 'folder', title: 'Выберите папку для конфигураций OpenVPN', filters: undefined },
    ])
  })

  it('copies every proxy in the chosen format and remembers format and address', async () => {
    const { desktop, svc } = service()
    expect(await svc.getPreferences()).toEqual({ format: 'url', address: 'hostname', template: '{service}://{login}:{password}@{host}:{port}', clearClipboardSeconds: 60 })
    const res = await svc.copyProxies({ format: 'login:password@host:port', address: 'ip' })
    const all = [...bed.sim.state.proxies.values()]
    expect(res.total).toBe(all.length)
    expect(res.count + res.skipped.length).toBe(all.length)
    expect(desktop.clipboard).toHaveLength(1)
    const parsed = parseProxyLines(desktop.clipboard[0] ?? '')
    expect(parsed.rejected).toEqual([])
    expect(parsed.proxies).toHaveLength(res.count)
    const noauth = all.filter((p) => p.authType === 'noauth').map((p) => p.id)
    if (noauth.length) expect(res.notes).toContainEqual({ kind: 'noauth_without_credentials', count: noauth.length, proxyIds: noauth })
    expect(await svc.getPreferences()).toMatchObject({ format: 'login:password@host:port', address: 'ip' })
    // A fresh service reads them back from disk.
    expect(await service().svc.getPreferences()).toMatchObject({ format: 'login:password@host:port', address: 'ip' })
  })

  it('saves chosen proxies as CSV with connection names, atomically, and reports ids that are gone', async () => {
    const { desktop, svc } = service()
    const [p1, p2] = [...bed.sim.state.proxies.values()]
    desktop.nextSavePath = join(bed.dir, 'out')
    const res = await svc.saveProxies({ proxyIds: [p1!.id, p2!.id, 'deleted-id'], format: 'csv', address: 'hostname' })
    expect(res).toMatchObject({ path: join(bed.dir, 'out.csv'), count: 2, total: 2, missing: ['deleted-id'] })
    const text = await readFile(join(bed.dir, 'out.csv'), 'utf8')
    expect(text.split('\n')[0]).toBe('connection_name,connection_id,proxy_id,service,auth_type,hostname,ip,port,login,password,expires_at,description')
    expect(text).toContain(bed.sim.state.connections.get(p1!.connectionId)!.name.includes(',') ? '"' : bed.sim.state.connections.get(p1!.connectionId)!.name)
    expect(parseProxyLines(text).proxies.map((p) => p.proxyId)).toEqual([p1!.id, p2!.id])
    expect((await readdir(bed.dir)).sort()).toEqual(['out.csv', 'userData'])
  })

  it('a cancelled dialog writes nothing; a bad template is refused', async () => {
    const { desktop, svc } = service()
    expect(await svc.saveProxies({ format: 'url', address: 'ip' })).toEqual({ cancelled: true })
    expect(desktop.clipboard).toEqual([])
    await expect(svc.copyProxies({ format: 'template', address: 'ip', template: '{nope}' })).rejects.toMatchObject({ code: 'invalid_template' })
    await expect(svc.copyProxies({ proxyIds: ['gone'], format: 'url', address: 'ip' })).rejects.toMatchObject({ code: 'nothing_to_export' })
  })

  it('stores preferences atomically; a damaged file gives the defaults', async () => {
    const { svc } = service()
    await svc.setPreferences({ format: 'template', template: '{host}:{port}' })
    const file = join(bed.dir, 'userData', 'export-preferences.json')
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ format: 'template', address: 'hostname', template: '{host}:{port}', clearClipboardSeconds: 60 })
    expect(await service().svc.getPreferences()).toEqual({ format: 'template', address: 'hostname', template: '{host}:{port}', clearClipboardSeconds: 60 })
    // One damaged value (or one from a newer version) gives its default and keeps the others.
    await writeFile(file, JSON.stringify({ format: 'csv', address: 'ip', template: '{host}', clearClipboardSeconds: -5, future: true }))
    expect(await service().svc.getPreferences()).toEqual({ format: 'csv', address: 'ip', template: '{host}', clearClipboardSeconds: 60 })
    await writeFile(file, '{ not json')
    expect(await service().svc.getPreferences()).toEqual({ format: 'url', address: 'hostname', template: '{service}://{login}:{password}@{host}:{port}', clearClipboardSeconds: 60 })
    expect(await readdir(join(bed.dir, 'userData'))).toEqual(['export-preferences.json'])
  })

  it('previews the first lines', async () => {
    const { svc } = service()
    const res = await svc.preview({ format: 'host:port', address: 'ip' })
    expect(res.text.split('\n').length).toBe(Math.min(20, res.count))
    expect(res.truncated).toBe(res.count > 20)
  })

  it('saves one .ovpn named after its connection and VPN; the decoded text equals the simulator config', async () => {
    const { desktop, svc } = service()
    const vpn = [...bed.sim.state.vpns.values()][0]!
    const conn = bed.sim.state.connections.get(vpn.connectionId)!
    desktop.nextSavePath = join(bed.dir, 'my.ovpn')
    const res = await svc.saveOvpn({ connId: vpn.connectionId, ovpnId: vpn.id })
    expect(res).toEqual({ path: join(bed.dir, 'my.ovpn'), name: `${conn.name} - ${vpn.name}` })
    expect(desktop.dialogs[0]?.defaultName).toBe(`${conn.name} - ${vpn.name}.ovpn`.replace(/[/\\:*?"<>|]/g, '_'))
    expect(await readFile(join(bed.dir, 'my.ovpn'), 'utf8')).toBe(expectedConfig(vpn.id))
  })

  it('saves every VPN config into a folder; one failing access is reported by name, the rest are written', async () => {
    const { desktop, svc } = service()
    const vpns = [...bed.sim.state.vpns.values()]
    expect(vpns.length).toBeGreaterThan(2)
    const broken = vpns[1]!
    bed.sim.faults.set([{ path: `/connections/${broken.connectionId}/ovpn-access/${broken.id}/config`, fault: { kind: 'malformed-json' } }])
    desktop.nextFolder = join(bed.dir, 'vpn')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(desktop.nextFolder)
    const res = await svc.saveOvpnMany({ into: 'folder' })
    if ('cancelled' in res || 'scripts' in res) throw new Error(`not saved: ${JSON.stringify(res)}`)
    const brokenName = `${bed.sim.state.connections.get(broken.connectionId)!.name} - ${broken.name}`
    expect(res.failed.map((f) => f.name)).toEqual([brokenName])
    expect(res.written).toHaveLength(vpns.length - 1)
    const files = await readdir(desktop.nextFolder)
    expect(files.sort()).toEqual(res.written.map((w) => w.name).sort())
    for (const w of res.written) expect(w.name.endsWith('.ovpn')).toBe(true)
    const first = vpns[0]!
    const firstFile = res.written.find((w) => w.name.startsWith(bed.sim.state.connections.get(first.connectionId)!.name.replace(/[/\\:*?"<>|]/g, '_')))
    expect(firstFile).toBeDefined()
  })

  it('saves a selection into one zip whose entries match', async () => {
    const { desktop, svc } = service()
    const vpns = [...bed.sim.state.vpns.values()].slice(0, 3)
    desktop.nextSavePath = join(bed.dir, 'configs')
    const res = await svc.saveOvpnMany({ items: vpns.map((v) => ({ connId: v.connectionId, ovpnId: v.id })), into: 'zip' })
    if ('cancelled' in res || 'scripts' in res) throw new Error(`not saved: ${JSON.stringify(res)}`)
    expect(res.path).toBe(join(bed.dir, 'configs.zip'))
    expect(res.failed).toEqual([])
    const entries = unzipSync(new Uint8Array(await readFile(res.path)))
    expect(Object.keys(entries)).toEqual(res.written.map((w) => w.name))
    vpns.forEach((v, i) => expect(Buffer.from(entries[res.written[i]!.name] ?? []).toString('utf8')).toBe(expectedConfig(v.id)))
    expect((await readdir(bed.dir)).sort()).toEqual(['configs.zip'])
  })
})
