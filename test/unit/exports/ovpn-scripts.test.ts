/**
 * .ovpn files that run programs when opened: the lines are found (OpenVPN's script hooks, code it loads, the
 * switch that allows scripts), and the exports service saves such a file only after the user has seen them.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildOvpnConfig } from '../../../src/main/demo'
import { findScriptLines } from '../../../src/main/exports/ovpn-scripts'
import { createExportsService } from '../../../src/main/exports/service'
import { exportsTestBed, stubDesktop } from './test-bed'

const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex')

describe('findScriptLines', () => {
  it("the simulator's demo config is clean", () => {
    expect(findScriptLines(buildOvpnConfig({ accessId: 'a1', serverId: 's1', name: 'Demo', dns: ['1.1.1.1'] }))).toEqual([])
  })

  it.each([
    'up /tmp/x.sh',
    'down /tmp/x.sh',
    'route-up /tmp/x.sh',
    'route-pre-down /tmp/x.sh',
    'ipchange /tmp/x.sh',
    'client-connect /tmp/x.sh',
    'client-disconnect /tmp/x.sh',
    'client-crresponse /tmp/x.sh',
    'learn-address /tmp/x.sh',
    'auth-user-pass-verify /tmp/x.sh via-env',
    'tls-verify /tmp/x.sh',
    'tls-crypt-v2-verify /tmp/x.sh',
    'dns-updown /tmp/x.sh',
    'iproute /tmp/fake-ip',
    'plugin /usr/lib/openvpn/evil.so',
    'engine dynamic',
    'providers legacy default',
    'pkcs11-providers /tmp/evil.so',
    'script-security 2',
    'setenv SCRIPT /tmp/x.sh',
    'setenv-safe LIB C:\\evil\\x.dll',
    '--up /tmp/x.sh',
    '   up   "/tmp/with space.sh"',
  ])('flags %j', (line) => {
    expect(findScriptLines(`client\ndev tun\n${line}\nverb 3\n`)).toEqual([{ line: 3, text: line.trim() }])
  })

  it.each(['setenv CLIENT_CERT 0', '# up /tmp/x.sh', '; script-security 2', 'upx /tmp/x.sh', 'remote up.example.com 1194', 'push "route 10.0.0.0"'])(
    'leaves %j alone',
    (line) => {
      expect(findScriptLines(`client\n${line}\n`)).toEqual([])
    },
  )

  it('reads options in <connection> blocks, not the contents of key and certificate blocks; counts CRLF lines', () => {
    const config = ['client', '<ca>', 'up /tmp/inside-a-cert.sh', '</ca>', '<connection>', 'remote 127.0.0.1 1194', 'up /tmp/in-connection.sh', '</connection>', 'down /tmp/after.sh'].join('\r\n')
    expect(findScriptLines(config)).toEqual([
      { line: 7, text: 'up /tmp/in-connection.sh' },
      { line: 9, text: 'down /tmp/after.sh' },
    ])
  })

  it('shows control and bidirectional characters as escapes, so a line cannot pass for another', () => {
    expect(findScriptLines('up /tmp/\u202egnp.sh\n')).toEqual([{ line: 1, text: 'up /tmp/\\u202egnp.sh' }])
  })
})

describe('the exports service with a config that runs a script', () => {
  const bed = exportsTestBed('iproxy-ovpn-scripts-')
  const dangerous = 'client\ndev tun\nremote 127.0.0.1 1194\nscript-security 2\nup /tmp/x.sh\n'
  const answer = (text: string) => ({ config_base64: Buffer.from(text).toString('base64'), config_sha1: sha1(text) })

  function service() {
    const dialogs: string[] = []
    const desktop = stubDesktop({
      chooseSaveFile: async ({ title }) => (dialogs.push(title), join(bed.dir, 'saved.ovpn')),
      chooseFolder: async ({ title }) => (dialogs.push(title), join(bed.dir, 'folder')),
    })
    return { dialogs, svc: createExportsService({ client: () => bed.client, desktop, userDataDir: join(bed.dir, 'userData') }) }
  }

  /** The server answers this VPN access's config with `text`. */
  function serve(vpn: { id: string; connectionId: string }, text: string) {
    bed.sim.faults.add({ path: `/connections/${vpn.connectionId}/ovpn-access/${vpn.id}/config`, fault: { kind: 'json', body: answer(text) } })
  }

  it('one file: nothing is saved and no dialog opens until the user allows exactly that file', async () => {
    const vpn = [...bed.sim.state.vpns.values()][0]!
    const name = `${bed.sim.state.connections.get(vpn.connectionId)!.name} - ${vpn.name}`
    serve(vpn, dangerous)
    const { dialogs, svc } = service()
    const ref = { connId: vpn.connectionId, ovpnId: vpn.id }

    expect(await svc.saveOvpn(ref)).toEqual({
      scripts: [{ name, sha1: sha1(dangerous), lines: [{ line: 4, text: 'script-security 2' }, { line: 5, text: 'up /tmp/x.sh' }] }],
    })
    expect(dialogs).toEqual([])
    expect(await readdir(bed.dir)).toEqual([])

    // Allowing another file (the server changed it meanwhile) does not allow this one.
    expect(await svc.saveOvpn({ ...ref, allowScripts: [sha1('an older version')] })).toMatchObject({ scripts: [{ sha1: sha1(dangerous) }] })
    expect(dialogs).toEqual([])

    expect(await svc.saveOvpn({ ...ref, allowScripts: [sha1(dangerous)] })).toEqual({ path: join(bed.dir, 'saved.ovpn'), name })
    expect(dialogs).toEqual(['Save OpenVPN config'])
    expect(await readFile(join(bed.dir, 'saved.ovpn'), 'utf8')).toBe(dangerous)
  })

  it('many files: the flagged one is shown before the folder is asked for; allowed, all are written and it is listed', async () => {
    const vpns = [...bed.sim.state.vpns.values()]
    const bad = vpns[1]!
    serve(bad, dangerous)
    await mkdir(join(bed.dir, 'folder'))
    const { dialogs, svc } = service()

    const first = await svc.saveOvpnMany({ into: 'folder' })
    if (!('scripts' in first)) throw new Error('expected a confirmation')
    expect(first.scripts.map((s) => [s.sha1, s.lines.map((l) => l.text)])).toEqual([[sha1(dangerous), ['script-security 2', 'up /tmp/x.sh']]])
    expect(dialogs).toEqual([])
    expect(await readdir(join(bed.dir, 'folder'))).toEqual([])

    const second = await svc.saveOvpnMany({ into: 'folder', allowScripts: [sha1(dangerous)] })
    if ('scripts' in second || 'cancelled' in second) throw new Error('not saved')
    expect(second.failed).toEqual([])
    expect(second.written).toHaveLength(vpns.length)
    expect(second.withScripts.map((s) => s.sha1)).toEqual([sha1(dangerous)])
    const flaggedFile = second.written.find((w) => w.name.startsWith(first.scripts[0]!.name.replace(/[/\\:*?"<>|]/g, '_')))
    expect(await readFile(flaggedFile!.path, 'utf8')).toBe(dangerous)
  })

  it('the command line path writes without asking and lists the files that run programs', async () => {
    const vpn = [...bed.sim.state.vpns.values()][0]!
    serve(vpn, dangerous)
    await mkdir(join(bed.dir, 'cli'))
    const res = await service().svc.writeOvpnMany({ into: 'folder', items: [{ connId: vpn.connectionId, ovpnId: vpn.id }] }, join(bed.dir, 'cli'))
    expect(res.written).toHaveLength(1)
    expect(res.withScripts).toEqual([expect.objectContaining({ sha1: sha1(dangerous), lines: [{ line: 4, text: 'script-security 2' }, { line: 5, text: 'up /tmp/x.sh' }] })])
  })
})
