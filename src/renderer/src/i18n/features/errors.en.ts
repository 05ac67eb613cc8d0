/**
 * English wording of error codes main sends (merged into the catalogue under "errors"): ui/error-message.ts shows
 * these in place of main's English message when the code has one. Codes without an entry show main's message.
 */
export const errorsEn = {
  response_too_large: 'The iProxy server sent a far larger answer than expected, so it was not read. Try again later; if it keeps happening, tell iProxy support.',
  not_a_file: 'That is not a regular file (it is a device, a pipe or a socket). Choose a .txt, .csv or .json proxy list.',
  unknown: 'Something went wrong. Try again; if it keeps happening, the app\'s log (Help) has the details.',
}
