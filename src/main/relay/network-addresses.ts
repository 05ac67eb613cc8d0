/**
 * The addresses other devices reach this computer at, for a relay that listens on all of them (0.0.0.0, or ::
 * for IPv6 too): the page shows them beside 127.0.0.1, which only this computer can use. Link-local IPv6
 * (fe80::) is left out: it needs an interface name to be typed anywhere.
 */
import { networkInterfaces } from 'node:os'

export function networkAddressesFor(bindAddress: string): string[] | undefined {
  if (bindAddress !== '0.0.0.0' && bindAddress !== '::') return undefined
  const wanted = bindAddress === '::' ? ['IPv4', 'IPv6'] : ['IPv4']
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && wanted.includes(a.family) && !a.address.startsWith('fe80:'))
    .map((a) => a.address)
}
