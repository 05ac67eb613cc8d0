/**
 * The user behind the API key: `/me`, its basic info, and key rotation.
 */
import type { UpdateUserBasicInfoRequest } from '../../../shared/iproxy'
import { randomText } from '../prng'
import type { SimAccount } from './store'

export function formatBalance(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export function newApiKey(): string {
  return randomText(40, 'abcdef0123456789')
}

export function toApiUser(account: SimAccount) {
  return {
    id: account.id,
    username: account.username,
    email: account.email,
    balance: formatBalance(account.balanceCents),
    display_name: account.displayName ?? '',
    telegram: account.telegram ?? '',
    proxy_prefix: account.proxyPrefix ?? '',
  }
}

export function updateUserBasicInfo(account: SimAccount, body: UpdateUserBasicInfoRequest) {
  if (body.display_name !== undefined) account.displayName = body.display_name
  if (body.telegram !== undefined) account.telegram = body.telegram
  if (body.proxy_prefix !== undefined) account.proxyPrefix = body.proxy_prefix
  return {
    id: account.id,
    display_name: account.displayName ?? '',
    telegram: account.telegram ?? '',
    proxy_prefix: account.proxyPrefix ?? '',
  }
}

/** The old key stops working at once, as on the real service. */
export function rotateApiKey(account: SimAccount): { api_key: string } {
  account.apiKey = newApiKey()
  return { api_key: account.apiKey }
}
