/** English strings of the proxies feature (merged into the catalogue under "proxies"). */
export const proxiesEn = {} as const
