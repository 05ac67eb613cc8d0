import type { Catalogue } from '../en'

export const connectionDetailRu: Catalogue['connectionDetail'] = {}
