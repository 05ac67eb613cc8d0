/** English strings of the connections feature (merged into the catalogue under "connections"). */
export const connectionsEn = {} as const
