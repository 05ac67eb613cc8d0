/**
 * `iproxy profiles` and `--profile NAME` under the real Secret Service (test/support/with-keyring.sh): the key goes
 * into the keychain and nowhere else, the profile file holds only the name and address, and a later command finds
 * the key by the profile's name.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/demo'
import { keychainEntries, keyringAvailability } from '../support/keyring'
import { requireSystem } from '../support/system'
import { requireBuiltCli, runCli, scratchDataDir } from './support'

let sim: Simulator
let data: { dir: string; remove(): Promise<void> }
const KEY = 'cli-profile-key-0123456789abcdef'

beforeAll(async () => {
  requireBuiltCli()
  sim = await startSimulator({ seed: 'demo', apiKey: KEY })
  data = await scratchDataDir()
})
afterAll(async () => {
  await sim?.stop()
  await data?.remove()
})

describe('profiles in the OS keychain', () => {
  it('add (key on stdin), list, use with --profile, remove', async (ctx) => {
    if (!requireSystem('a Secret Service keychain', keyringAvailability(), (note) => ctx.skip(note))) return
    const env = { IPROXY_DATA_DIR: data.dir }

    const added = await runCli(['profiles', 'add', 'Work', '--url', sim.baseUrl, '--json'], { env, input: `${KEY}\n` })
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    const profile = JSON.parse(added.stdout) as { id: string; name: string; keyHint: string }
    expect(profile).toMatchObject({ name: 'Work', keyHint: `…${KEY.slice(-4)}` })
    expect(added.stdout).not.toContain(KEY)
    // The key is in the keychain under the profile's id, and in no file of the data folder.
    expect(keychainEntries(profile.id)).toContain(KEY)
    for (const file of readdirSync(data.dir)) expect(readFileSync(join(data.dir, file), 'utf8')).not.toContain(KEY)

    const list = await runCli(['profiles', 'list', '--json'], { env })
    expect(JSON.parse(list.stdout).profiles).toEqual([expect.objectContaining({ id: profile.id, name: 'Work', baseUrl: sim.baseUrl })])

    const connections = await runCli(['connections', '--profile', 'work', '--json'], { env })
    expect(connections.code).toBe(0)
    expect(JSON.parse(connections.stdout).connections).toHaveLength(12)

    const duplicate = await runCli(['profiles', 'add', 'Work', '--url', sim.baseUrl], { env, input: `${KEY}\n` })
    expect(duplicate.code).toBe(2)

    const removed = await runCli(['profiles', 'remove', 'Work'], { env })
    expect(removed.code).toBe(0)
    expect(keychainEntries(profile.id)).not.toContain(KEY)
    const after = await runCli(['me', '--profile', 'Work'], { env })
    expect(after.code).toBe(3)
    expect(after.stderr).toContain('No profile named "Work"')
  })

  it('add with a key iProxy rejects: exit 3, nothing stored', async (ctx) => {
    if (!requireSystem('a Secret Service keychain', keyringAvailability(), (note) => ctx.skip(note))) return
    const env = { IPROXY_DATA_DIR: data.dir }
    const run = await runCli(['profiles', 'add', 'Bad', '--url', sim.baseUrl], { env, input: 'not-the-right-key-123456\n' })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('iProxy rejected this API key')
    expect(run.stderr).not.toContain('not-the-right-key-123456')
    const list = await runCli(['profiles', 'list', '--json'], { env })
    expect(JSON.parse(list.stdout).profiles.map((p: { name: string }) => p.name)).not.toContain('Bad')
  })
})
