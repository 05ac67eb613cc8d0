/** English strings of the health feature (merged into the catalogue under "health"). */
export const healthEn = {} as const
