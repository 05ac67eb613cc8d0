/** English strings of the vpn feature (merged into the catalogue under "vpn"). */
export const vpnEn = {} as const
