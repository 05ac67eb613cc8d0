/**
 * Exports never replace a file the user did not agree to replace: a folder export steps aside to "name (2).ovpn",
 * and a name whose extension we added after the save dialog's overwrite question gets a free name too. Existing
 * files stay byte-identical.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createExportsService } from '../../../src/main/exports/service'
import { loadOvpnConfigs, writeOvpnFolder, type OvpnJob } from '../../../src/main/exports/ovpn-files'
import { isFileExistsError, writeFileAtomic } from '../../../src/main/fs/atomic-write'
import { exportsTestBed, stubDesktop } from './test-bed'

const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex')
const good = (text: string) => ({ config_base64: Buffer.from(text).toString('base64'), config_sha1: sha1(text) })

/** Every file of `folder` with its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of await readdir(folder)) out[name] = (await readFile(join(folder, name))).toString('base64')
  return out
}

const bed = exportsTestBed('iproxy-no-overwrite-')

describe('writing into a folder that already has files', () => {
  it('keeps every existing file byte-identical and names the new ones "(N)"', async () => {
    await writeFile(join(bed.dir, 'Phone - VPN.ovpn'), 'the user’s own edited config')
    await writeFile(join(bed.dir, 'phone - vpn (2).ovpn'), Buffer.from([0, 1, 2, 255]))
    await writeFile(join(bed.dir, 'Other.ovpn'), 'other')
    const before = await snapshot(bed.dir)
    const jobs: OvpnJob[] = [
      { name: 'Phone - VPN', load: async () => good('new one') },
      { name: 'Phone - VPN', load: async () => good('new two') },
      { name: 'Fresh', load: async () => good('fresh') },
    ]
    const res = await writeOvpnFolder(bed.dir, await loadOvpnConfigs(jobs))
    expect(res.failed).toEqual([])
    expect(res.written.map(({ name, insteadOf }) => ({ name, insteadOf }))).toEqual([
      { name: 'Phone - VPN (3).ovpn', insteadOf: 'Phone - VPN.ovpn' },
      { name: 'Phone - VPN (4).ovpn', insteadOf: 'Phone - VPN (2).ovpn' },
      { name: 'Fresh.ovpn', insteadOf: undefined },
    ])
    const after = await snapshot(bed.dir)
    for (const [name, bytes] of Object.entries(before)) expect(after[name]).toBe(bytes)
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'Phone - VPN (3).ovpn', 'Phone - VPN (4).ovpn', 'Fresh.ovpn'].sort())
    expect(await readFile(join(bed.dir, 'Phone - VPN (3).ovpn'), 'utf8')).toBe('new one')
  })

  it('the writer refuses to replace a file that appears under the name it was about to use, leaving no temporary', async () => {
    await writeFile(join(bed.dir, 'taken.ovpn'), 'first')
    const err = await writeFileAtomic(join(bed.dir, 'taken.ovpn'), 'second', { noReplace: true }).catch((e: unknown) => e)
    expect(isFileExistsError(err)).toBe(true)
    expect(await readdir(bed.dir)).toEqual(['taken.ovpn'])
    expect(await readFile(join(bed.dir, 'taken.ovpn'), 'utf8')).toBe('first')
  })
})

describe('the exports service', () => {
  function service(answers: { save?: string; folder?: string }) {
    const desktop = stubDesktop({ chooseSaveFile: async () => answers.save, chooseFolder: async () => answers.folder })
    return createExportsService({ client: () => bed.client, desktop, userDataDir: join(bed.dir, 'userData') })
  }

  it('downloading every VPN into the same folder twice keeps the first files and lists the new names', async () => {
    const folder = join(bed.dir, 'vpn')
    await mkdir(folder)
    const svc = service({ folder })
    const first = await svc.saveOvpnMany({ into: 'folder' })
    if ('cancelled' in first || 'scripts' in first) throw new Error('not saved')
    // The user edits one of them; a second download must not undo that.
    await writeFile(first.written[0]!.path, 'edited by the user')
    const before = await snapshot(folder)
    const second = await svc.saveOvpnMany({ into: 'folder' })
    if ('cancelled' in second || 'scripts' in second) throw new Error('not saved')
    expect(second.failed).toEqual([])
    expect(second.written).toHaveLength(first.written.length)
    for (const [i, w] of second.written.entries()) {
      expect(w.insteadOf).toBe(first.written[i]!.name)
      expect(w.name).toBe(first.written[i]!.name.replace(/\.ovpn$/, ' (2).ovpn'))
    }
    const after = await snapshot(folder)
    for (const [name, bytes] of Object.entries(before)) expect(after[name]).toBe(bytes)
    expect(await readFile(first.written[0]!.path, 'utf8')).toBe('edited by the user')
  })

  it('a save-dialog name without its extension never replaces the file with the extension', async () => {
    await writeFile(join(bed.dir, 'list.csv'), 'keep me')
    await writeFile(join(bed.dir, 'my.ovpn'), 'keep me too')
    const res = await service({ save: join(bed.dir, 'list') }).saveProxies({ format: 'csv', address: 'ip' })
    expect(res).toMatchObject({ path: join(bed.dir, 'list (2).csv') })
    const vpn = [...bed.sim.state.vpns.values()][0]!
    expect(await service({ save: join(bed.dir, 'my') }).saveOvpn({ connId: vpn.connectionId, ovpnId: vpn.id })).toMatchObject({ path: join(bed.dir, 'my (2).ovpn') })
    expect(await readFile(join(bed.dir, 'list.csv'), 'utf8')).toBe('keep me')
    expect(await readFile(join(bed.dir, 'my.ovpn'), 'utf8')).toBe('keep me too')
    // A name the dialog itself asked about (with its extension) is the user's choice to replace.
    await service({ save: join(bed.dir, 'list.csv') }).saveProxies({ format: 'csv', address: 'ip' })
    expect(await readFile(join(bed.dir, 'list.csv'), 'utf8')).toMatch(/^connection_name,/)
  })
})
