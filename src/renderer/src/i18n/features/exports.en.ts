/** English strings of the exports feature (merged into the catalogue under "exports"). */
export const exportsEn = {} as const
