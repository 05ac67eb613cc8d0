/**
 * English strings for times (merged into the catalogue under "time"), used by ui/time-text.ts. The plural keys
 * carry Russian's "few" and "many" forms too, so both catalogues have the same keys; English only uses one/other.
 */
export const timeEn = {
  justNow: 'just now',
  underAMinute: 'less than a minute',
  ago: '{{duration}} ago',
  in: 'in {{duration}}',
  for: 'for {{duration}}',
  minutes_one: '{{count}} min',
  minutes_few: '{{count}} min',
  minutes_many: '{{count}} min',
  minutes_other: '{{count}} min',
  hours_one: '{{count}} h',
  hours_few: '{{count}} h',
  hours_many: '{{count}} h',
  hours_other: '{{count}} h',
  days_one: '{{count}} day',
  days_few: '{{count}} days',
  days_many: '{{count}} days',
  days_other: '{{count}} days',
}
