import type { Catalogue } from '../en'

export const proxiesRu: Catalogue['proxies'] = {}
