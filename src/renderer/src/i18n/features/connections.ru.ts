import type { Catalogue } from '../en'

export const connectionsRu: Catalogue['connections'] = {}
