/** English strings of the actionLinks feature (merged into the catalogue under "actionLinks"). */
export const actionLinksEn = {} as const
