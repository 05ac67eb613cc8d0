/**
 * English wording of error codes main sends (merged into the catalogue under "errors"): ui/error-message.ts shows
 * these in place of main's English message when the code has one. Codes without an entry show main's message.
 */
export const errorsEn = {
  response_too_large: 'The iProxy server sent a far larger answer than expected, so it was not read. Try again later; if it keeps happening, tell iProxy support.',
  not_a_file: 'That is not a regular file (it is a device, a pipe or a socket). Choose a .txt, .csv or .json proxy list.',
  // The app's own codes (main/app-error.ts): {{path}}, {{name}} and {{status}} come from the error's details.
  no_active_profile: 'No account is selected. Add an API key or try the demo first.',
  profile_not_found: 'That profile no longer exists. Pick another one from the list.',
  key_rejected: 'iProxy rejected this API key, so it was not saved. Copy the key again from your iProxy dashboard (Settings → API) and paste it whole.',
  key_missing: 'No API key is stored for this profile. Replace its key to use it again.',
  key_not_saved: 'iProxy issued a new API key, but the keychain refused to store it. The app keeps using the new key until you quit: fix the keychain, then change the key again.',
  demo_profile: 'The demo profile cannot be renamed.',
  profiles_unreadable: 'The profiles file could not be read. Fix it, or move it away to start with no profiles.',
  link_not_allowed: 'Only https links to iProxy open from the app.',
  unavailable: 'There is no file manager here to open the log folder with.',
  open_failed: 'Could not open the log folder.',
  ovpn_invalid: 'The OpenVPN config of “{{name}}” is not valid base64, so nothing was saved. Try again.',
  ovpn_checksum: 'The OpenVPN config of “{{name}}” does not match its SHA-1 checksum (it was damaged on the way), so nothing was saved. Try again.',
  nothing_to_export: 'There is nothing to export: the chosen items no longer exist, or none can be written in this format. Refresh the list and try again.',
  not_text: 'Could not open {{path}}: it is not a text file. Choose a .txt, .csv or .json list.',
  file_too_large: 'Could not open {{path}}: it is too large to read at once. Split the list.',
  read_failed: 'Could not open {{path}}: check that the file exists and that this app may read it.',
  write_failed: 'Could not save {{path}}: check that the folder exists, that you may write to it and that the disk has space.',
  // The iProxy API's codes (main/iproxy/api-errors.ts).
  auth_rejected: 'The API key was rejected (HTTP {{status}}).{{said}} Check the key saved in this profile, or create a new one in the iProxy dashboard.',
  not_found: 'Not found.{{said}} It may have been deleted elsewhere: refresh and try again.',
  validation_failed: 'iProxy refused the request as invalid (HTTP {{status}}).{{said}} Check the values you entered.',
  rate_limited: 'Too many requests to iProxy (HTTP 429).{{said}} Wait a little and try again.',
  server_error: 'The iProxy server had a problem (HTTP {{status}}).{{said}} This is on iProxy’s side; try again in a moment.',
  http_error: 'iProxy answered HTTP {{status}}.{{said}} Try again in a moment.',
  connection_failed: 'Could not reach the iProxy server. Check your internet connection, the profile’s API address, proxy or firewall, and try again.',
  timeout: 'The iProxy server did not answer in time. Check your connection and try again.',
  aborted: 'The request was cancelled.',
  bad_response: 'iProxy answered in a form this app does not expect, so the answer was not used. Try again later; if it keeps happening, tell iProxy support.',
  /** Filled into {{said}} above (after a space) when the server gave a message; empty otherwise. */
  serverSaid: 'The server said: “{{message}}”.',
  internal: 'Something went wrong inside the app. The details were written to its log (Help → Open log folder); try again.',
  unknown: 'Something went wrong. Try again; if it keeps happening, the app\'s log (Help) has the details.',
}
