/**
 * How the drift report shows an identifier (a connection id, a key that is a map's id): enough to tell two apart
 * in one report, not enough to use or look up. Short values are hidden whole.
 */
export function maskIdentifier(value: string): string {
  if (value.length <= 8) return '***'
  return `${value.slice(0, 2)}…${value.slice(-2)}`
}
