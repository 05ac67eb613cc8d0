/**
 * The `profiles` and `account` domains: the calls of shared/contract/profiles.ts and contract/account.ts. Both go
 * to the profile service, since the account is the active profile's and rotating its key writes the keychain.
 */
import type { DemoSession } from '../demo/demo-session'
import type { Implementations } from '../handler-table'
import type { ProfileService } from '../secrets/profile-service'

type ProfileCallNames =
  | 'profiles.list'
  | 'profiles.add'
  | 'profiles.rename'
  | 'profiles.remove'
  | 'profiles.activate'
  | 'profiles.replaceKey'
  | 'profiles.startDemo'
  | 'profiles.listOrphanKeys'
  | 'profiles.removeOrphanKeys'
  | 'account.get'
  | 'account.updateBasicInfo'
  | 'account.rotateApiKey'

export function profileCalls(profiles: ProfileService, demo: DemoSession): Pick<Implementations, ProfileCallNames> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.add': (input) => profiles.add(input),
    'profiles.rename': (input) => profiles.rename(input),
    'profiles.remove': (input) => profiles.remove(input),
    'profiles.activate': (input) => profiles.activate(input),
    'profiles.replaceKey': (input) => profiles.replaceKey(input),
    'profiles.startDemo': async () => profiles.startDemo(await demo.start()),
    'profiles.listOrphanKeys': () => profiles.listOrphanKeys(),
    'profiles.removeOrphanKeys': (input) => profiles.removeOrphanKeys(input),
    'account.get': () => profiles.account.get(),
    'account.updateBasicInfo': (input) => profiles.account.updateBasicInfo(input),
    'account.rotateApiKey': () => profiles.account.rotateApiKey(),
  }
}
