import type { Implementations } from '../handler-table'
import type { ProfileService } from '../secrets/profile-service'

type ProfileCallNames =
  | 'profiles.list'
  | 'profiles.add'
  | 'profiles.rename'
  | 'profiles.remove'
  | 'profiles.activate'
  | 'profiles.replaceKey'
  | 'account.get'
  | 'account.updateBasicInfo'
  | 'account.rotateApiKey'

export function profileCalls(profiles: ProfileService): Pick<Implementations, ProfileCallNames> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.add': (input) => profiles.add(input),
    'profiles.rename': (input) => profiles.rename(input),
    'profiles.remove': (input) => profiles.remove(input),
    'profiles.activate': (input) => profiles.activate(input),
    'profiles.replaceKey': (input) => profiles.replaceKey(input),
    'account.get': () => profiles.account.get(),
    'account.updateBasicInfo': (input) => profiles.account.updateBasicInfo(input),
    'account.rotateApiKey': () => profiles.account.rotateApiKey(),
  }
}
