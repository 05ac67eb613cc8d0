/** Where an exit IP was seen, stored as bits of one integer per IP stretch (a stretch may be seen by several). */
import { IP_SOURCES, type IpSource } from '../../shared/history'

export const SOURCE_BITS: Record<IpSource, number> = { check: 1, change_ip: 2, api: 4, import: 8 }

export function sourcesOf(bits: number): IpSource[] {
  return IP_SOURCES.filter((source) => (bits & SOURCE_BITS[source]) !== 0)
}
