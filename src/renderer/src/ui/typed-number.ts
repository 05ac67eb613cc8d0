/**
 * A number as typed into a form, for a schema to check: a number when the text is one; otherwise the text itself
 * (trimmed, '' when empty), so the schema refuses it with its own words ("expected a number") on the right field.
 */
export function typedNumber(text: string): number | string {
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed
}
