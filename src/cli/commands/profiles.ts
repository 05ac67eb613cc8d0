/**
 * `iproxy profiles [list|add|remove]`: the desktop app's profiles, through its profile service: names and API
 * addresses in the data folder, keys in the OS keychain only. `add` takes the key from stdin when it is piped, or
 * from a prompt that does not echo; it is checked with iProxy before anything is stored, and never printed.
 */
import { mkdir } from 'node:fs/promises'
import type { Command } from 'commander'
import { IPROXY_DEFAULT_BASE_URL } from '../../shared/iproxy'
import { dataDirOption, type CliContext } from '../context'
import { resolveDataDir } from '../data-dir'
import { EXIT, usageError, type ExitCode } from '../exit-codes'
import { promptHidden, readAll } from '../read-input'

interface ProfileFlags {
  dataDir?: string
  json?: boolean
  url?: string
}

/** Loaded when a profiles command runs: the keychain and the profile store are not needed for --help. */
async function profileService(ctx: CliContext, flags: ProfileFlags) {
  const dataDir = resolveDataDir(flags.dataDir, ctx.env)
  const [{ createKeychain }, { createProfileService }, { findProfile }, { cliLogger }] = await Promise.all([
    import('../../main/secrets/keychain'),
    import('../../main/secrets/profile-service'),
    import('../account'),
    import('../services'),
  ])
  return { dataDir, findProfile, profiles: createProfileService({ dataDir, keychain: createKeychain(), log: cliLogger(ctx.env) }) }
}

async function readKey(ctx: CliContext, name: string): Promise<string> {
  const key = ctx.stdin.isTTY ? await promptHidden(ctx.stdin, ctx.out.stderr, `API key for "${name}" (typing is not shown): `) : await readAll(ctx.stdin, 10_000)
  const trimmed = key.trim()
  if (!trimmed) throw usageError('No API key was given: pipe it on stdin or type it at the prompt.')
  return trimmed
}

export function registerProfiles(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  const profiles = program
    .command('profiles')
    .description("the app's profiles (API keys in the OS keychain): list, add, remove")
    .addHelpText('after', '\nExamples:\n  iproxy profiles list\n  printf %s "$KEY" | iproxy profiles add Work\n  iproxy profiles remove Work')

  dataDirOption(profiles.command('list', { isDefault: true }).description('the profiles, with the last four characters of each key'))
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  iproxy profiles list --json')
    .action((flags: ProfileFlags) =>
      run(async () => {
        const { profiles: service, dataDir } = await profileService(ctx, flags)
        const list = (await service.list()).map((p) => ({ id: p.id, name: p.name, baseUrl: p.baseUrl, keyHint: p.keyHint, createdAt: p.createdAt, activeInApp: p.active }))
        if (flags.json) ctx.out.json({ dataDir, profiles: list })
        else if (list.length === 0) ctx.out.note(`No profiles in ${dataDir}. Add one with "iproxy profiles add NAME".`)
        else ctx.out.table([{ header: 'NAME' }, { header: 'KEY' }, { header: 'API' }, { header: 'ID' }], list.map((p) => [p.name, p.keyHint ?? '(none)', p.baseUrl, p.id]))
        return EXIT.ok
      }),
    )

  dataDirOption(profiles.command('add').description('add a profile; the key is read from stdin, or a prompt that does not echo').argument('<name>', 'a name for it'))
    .option('--url <url>', `the API address (default: IPROXY_API_URL, else ${IPROXY_DEFAULT_BASE_URL})`)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  iproxy profiles add Work            (asks for the key)\n  printf %s "$KEY" | iproxy profiles add Work')
    .action((name: string, flags: ProfileFlags) =>
      run(async () => {
        const { profiles: service, dataDir, findProfile } = await profileService(ctx, flags)
        if (findProfile((await service.list()).filter((p) => !p.demo), name)) {
          throw usageError(`A profile named "${name}" exists already. Remove it first, or choose another name.`)
        }
        const apiKey = await readKey(ctx, name)
        // The app creates its data folder on first start; a server that never ran the app gets it here.
        await mkdir(dataDir, { recursive: true })
        const added = await service.add({ name, apiKey, baseUrl: flags.url || ctx.env.IPROXY_API_URL?.trim() || IPROXY_DEFAULT_BASE_URL })
        await service.dispose()
        if (flags.json) ctx.out.json({ id: added.id, name: added.name, baseUrl: added.baseUrl, keyHint: added.keyHint })
        else ctx.out.note(`Added profile "${added.name}" (key ${added.keyHint}). Use it with --profile "${added.name}".`)
        return EXIT.ok
      }),
    )

  dataDirOption(profiles.command('remove').description('remove a profile and its key from the keychain').argument('<name>', 'its name or id'))
    .addHelpText('after', '\nExample:\n  iproxy profiles remove Work')
    .action((name: string, flags: ProfileFlags) =>
      run(async () => {
        const { profiles: service, findProfile } = await profileService(ctx, flags)
        const profile = findProfile((await service.list()).filter((p) => !p.demo), name)
        if (!profile) throw usageError(`No profile named "${name}". Run "iproxy profiles list" to see them.`)
        await service.remove({ id: profile.id })
        ctx.out.note(`Removed profile "${profile.name}" and its key.`)
        return EXIT.ok
      }),
    )
}
