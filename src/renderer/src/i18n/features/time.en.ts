/**
 * English strings for times (merged into the catalogue under "time"), used by ui/time-text.ts. Plural keys are
 * one/other here; Russian adds few/many (the catalogue type allows a language its own plural forms).
 */
export const timeEn = {
  justNow: 'just now',
  underAMinute: 'less than a minute',
  ago: '{{duration}} ago',
  in: 'in {{duration}}',
  for: 'for {{duration}}',
  minutes_one: '{{count}} min',
  minutes_other: '{{count}} min',
  hours_one: '{{count}} h',
  hours_other: '{{count}} h',
  days_one: '{{count}} day',
  days_other: '{{count}} days',
}
