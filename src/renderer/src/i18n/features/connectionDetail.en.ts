/** English strings of the connectionDetail feature (merged into the catalogue under "connectionDetail"). */
export const connectionDetailEn = {} as const
