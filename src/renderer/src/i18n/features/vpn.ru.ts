import type { Catalogue } from '../en'

export const vpnRu: Catalogue['vpn'] = {}
