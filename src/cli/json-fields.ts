/**
 * The --json field names, printed at the end of `iproxy --help` (the README lists the same). They are a contract
 * with people's scripts: fields may be added, never renamed or removed. Absent values are null, never missing.
 */
export const JSON_FIELDS_HELP = `
JSON output (--json), stable field names:
  me           { id, username, email, displayName, balance, plans: { connections, active,
                 expiringWithin7Days, expired, none, nextExpiry } | null, errors: [{ code, message }] }
  connections  { connections: [{ id, name, status, statusUpdatedAt, planExpiresAt, planExpired,
                 country, city }], errors }
  proxies      { proxies: [{ id, connectionId, connectionName, protocol, host, ip, port, authType,
                 login, expiresAt, description }], errors }
  check        JSON lines: { type: "result", key, label, detectedProtocol, connectionId, connectionName, proxyId, ok,
                 status, error, exitIp, country, city, asn, expectedIp, ipMismatch, connectMs,
                 handshakeMs, firstByteMs, totalMs, checkedAt } per proxy, { type: "rejected",
                 lineNumber, code, reason } per skipped list line, then { type: "summary", total,
                 checked, ok, failed, cancelled, rejectedLines, interrupted, seconds, counts }
  rotate       { results: [{ connectionId, connectionName, ok, status, message, oldIp, newIp,
                 seconds, proxyId }] }
  bulk         JSON lines: { type: "item", runId, action, connectionId, connectionName, state (done | failed |
                 skipped | cancelled), ok, reason, detail, startedAt, endedAt, seconds } per connection, then
                 { type: "summary", runId, action, total, done, failed, skipped, cancelled, interrupted,
                 concurrency, seconds }
  export       (with --out) { path, count, total, skipped: [{ proxyId, reason, message }], notes }
  ovpn         { into, path, written: [{ name, path }], failed: [{ name, reason }] }
  profiles     { dataDir, profiles: [{ id, name, baseUrl, keyHint, createdAt, activeInApp }] }
  watch        JSON lines, one per event: { id, event, connection_id, connection_name, at, message, data }
  history      { events: [{ kind, at, connectionId, ...by kind }], truncated }, newest first, times in ms:
                 status { status }, check { proxyKey, status, ok, totalMs, exitIp, error },
                 ip { ip, lastSeen, sources }, action { action, detail, outcome, error, by, runId }
  ips          { connectionId, ips: [{ ip, firstSeen, lastSeen, periods, sightings, sources }] };
                 with --repeats { reuse: [{ ip, kind (shared | repeat), connections: [{ connectionId,
                 name, periods: [{ firstSeen, lastSeen }] }] }] }
  doctor       { checkedAt, apiHost, connection, endpoints: [{ endpoint, outcome (same | differs | failed |
                 skipped), status, note }], differences: [{ endpoint, kind, path, expected, received,
                 count, breaks }], clean, verdict }
  relay        no JSON: one line per listener, "relay http HOST:PORT" and "relay socks5 HOST:PORT"

Exit codes: 0 all done, 1 some check or action failed (or the API could not be reached),
  2 usage (a flag or value is wrong), 3 authentication (key missing or rejected), 130 Ctrl-C.

Environment: IPROXY_API_KEY, IPROXY_API_URL (key and API address when no --profile or --demo),
  IPROXY_DATA_DIR (the app's data folder), IPROXY_DEMO_SCALE=250x4 (a larger demo account),
  IPROXY_TELEGRAM_TOKEN (the Telegram bot token for iproxy watch), IPROXY_RELAY_PASSWORD (the password
  of iproxy relay --login),
  NO_COLOR (no colours), IPROXY_DEBUG=1 (log and stacks on stderr).`
