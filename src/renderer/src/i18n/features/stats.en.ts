/** English strings of the stats feature (merged into the catalogue under "stats"). */
export const statsEn = {} as const
