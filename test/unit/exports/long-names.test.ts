/**
 * Names up to the seed's 256 characters, ASCII and Cyrillic (2 bytes a letter), export on the real file system
 * without ENAMETOOLONG: the final names fit 255 bytes, and so do the atomic writer's temporary names.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DesktopIntegration } from '../../../src/main/desktop'
import { createExportsService } from '../../../src/main/exports/service'
import { MAX_NAME_BYTES } from '../../../src/main/exports/file-names'
import { writeFileAtomic } from '../../../src/main/fs/atomic-write'
import { exportsTestBed, stubDesktop } from './test-bed'

const ASCII_256 = 'v'.repeat(256)
const CYRILLIC_256 = 'Ж'.repeat(256)
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

const bed = exportsTestBed('iproxy-long-names-')

describe('the atomic writer', () => {
  it.each([
    ['255 ASCII bytes', 'a'.repeat(251) + '.txt'],
    ['255 bytes of Cyrillic and ASCII', 'Ж'.repeat(125) + 'a.txt'],
  ])('writes a file whose name is %s (its temporary name fits too)', async (_label, name) => {
    expect(bytes(name)).toBe(MAX_NAME_BYTES)
    await writeFileAtomic(join(bed.dir, name), 'data')
    expect(await readdir(bed.dir)).toEqual([name])
    expect(await readFile(join(bed.dir, name), 'utf8')).toBe('data')
  })
})

describe('VPN and connection names of 256 characters', () => {
  function desktop(folder: string): DesktopIntegration {
    return stubDesktop({ chooseSaveFile: async () => join(folder, 'configs.zip'), chooseFolder: async () => folder })
  }

  it('export into a folder: every file is written, each name within 255 bytes', async () => {
    const vpns = [...bed.sim.state.vpns.values()].slice(0, 3)
    const names = new Map(vpns.map((v) => [v.id, v.name]))
    const conn = bed.sim.state.connections.get(vpns[0]!.connectionId)!
    const connName = conn.name
    try {
      // Two of them with the same long name, so one also needs its " (2)".
      vpns[0]!.name = CYRILLIC_256
      vpns[1]!.name = CYRILLIC_256
      vpns[2]!.name = ASCII_256
      conn.name = CYRILLIC_256
      const folder = join(bed.dir, 'vpn')
      await mkdir(folder)
      const svc = createExportsService({ client: () => bed.client, desktop: desktop(folder), userDataDir: join(bed.dir, 'userData') })
      const res = await svc.saveOvpnMany({ items: vpns.map((v) => ({ connId: v.connectionId, ovpnId: v.id })), into: 'folder' })
      if ('cancelled' in res || 'scripts' in res) throw new Error('not saved')
      expect(res.failed).toEqual([])
      expect(res.written).toHaveLength(3)
      const files = await readdir(folder)
      expect(files.sort()).toEqual(res.written.map((w) => w.name).sort())
      for (const f of files) expect(bytes(f)).toBeLessThanOrEqual(MAX_NAME_BYTES)
      expect(files.filter((f) => f.endsWith(' (2).ovpn'))).toHaveLength(1)
    } finally {
      for (const v of vpns) v.name = names.get(v.id)!
      conn.name = connName
    }
  })

  it('one file: the name the save dialog offers fits, and saving under it works', async () => {
    const vpn = [...bed.sim.state.vpns.values()][0]!
    const name = vpn.name
    const dialogNames: string[] = []
    try {
      vpn.name = ASCII_256
      const svc = createExportsService({
        client: () => bed.client,
        desktop: {
          ...desktop(bed.dir),
          chooseSaveFile: async ({ defaultName }) => {
            dialogNames.push(defaultName)
            return join(bed.dir, defaultName)
          },
        },
        userDataDir: join(bed.dir, 'userData'),
      })
      const one = await svc.saveOvpn({ connId: vpn.connectionId, ovpnId: vpn.id })
      if ('cancelled' in one || 'scripts' in one) throw new Error('not saved')
      expect(bytes(dialogNames[0]!)).toBeLessThanOrEqual(MAX_NAME_BYTES)
      expect(await readdir(bed.dir)).toContain(dialogNames[0])
    } finally {
      vpn.name = name
    }
  })
})
