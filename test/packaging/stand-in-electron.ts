/**
 * A stand-in for Electron's Linux distribution, for the packaging check: our machines cannot download Electron
 * (only the npm and Debian registries are reachable), and electron-builder needs an Electron folder to build from.
 * `electronDist` may point at an unpacked Electron folder, which electron-builder copies as the app's skeleton,
 * renames `electron` to the app's executable, moves `LICENSE` to `LICENSE.electron.txt`, and then flips the fuses
 * in the executable. So the stand-in holds:
 *
 *   electron                 a shell script that refuses to run, ending in a real fuse wire: Electron's sentinel,
 *                            wire version 1, length 8, and Electron's default fuse states, as @electron/fuses
 *                            finds them in the real binary. The fuse step therefore runs for real on it.
 *   LICENSE, LICENSES.chromium.html, version   the text files a real distribution has next to the binary
 *
 * What it cannot stand in for: Chromium's libraries and .pak files (nothing here runs the app) and a real ELF
 * binary. The packaged app's start-up is the Electron smoke test's job, where a real Electron exists.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Electron's fuse sentinel (@electron/fuses `SENTINEL`): the fuse wire follows it in the binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/** Fuse positions on wire version 1 (@electron/fuses `FuseV1Options`). */
export const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const
export type FuseName = (typeof FUSES)[number]

/** Electron's defaults, as shipped: '1' on, '0' off. */
export const ELECTRON_DEFAULT_WIRE = '10110001'

export function makeStandInElectron(dir: string, electronVersion: string): string {
  mkdirSync(dir, { recursive: true })
  const script = Buffer.concat([
    Buffer.from(
      [
        '#!/bin/sh',
        '# Stand-in for the Electron binary, made by test/packaging/stand-in-electron.ts. It is never meant to run:',
        '# electron-builder copies it, renames it and flips the fuse wire at the end of this file.',
        'echo "stand-in Electron from the packaging check: not runnable" >&2',
        'exit 1',
        '# fuse wire: ',
      ].join('\n'),
    ),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'ascii'),
    Buffer.from('\n'),
  ])
  const executable = join(dir, 'electron')
  writeFileSync(executable, script)
  chmodSync(executable, 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron’s MIT licence file (test/packaging).\n')
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!-- stand-in for Chromium’s licences (test/packaging) -->\n')
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`)
  return dir
}

/** Reads the fuse wire of a (stand-in or real) Electron executable: fuse name → true (on) / false (off). */
export function readFuses(executable: Buffer): Record<FuseName, boolean | 'removed' | 'inherit'> {
  const at = executable.indexOf(FUSE_SENTINEL)
  if (at < 0) throw new Error('no fuse sentinel in the executable')
  const wire = at + FUSE_SENTINEL.length
  if (executable[wire] !== 1) throw new Error(`fuse wire version ${executable[wire]}, expected 1`)
  const length = executable[wire + 1] ?? 0
  const states = {} as Record<FuseName, boolean | 'removed' | 'inherit'>
  FUSES.forEach((name, i) => {
    if (i >= length) throw new Error(`fuse wire has ${length} fuses, ${name} is missing`)
    const byte = executable[wire + 2 + i]
    states[name] = byte === 0x31 ? true : byte === 0x30 ? false : byte === 0x72 ? 'removed' : 'inherit'
  })
  return states
}
