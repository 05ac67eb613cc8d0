#!/usr/bin/env bash
# Runs a command with a real, private Secret Service: a new D-Bus session (dbus-run-session) with
# gnome-keyring-daemon unlocked on a scratch HOME, so tests store keys in a real keychain and never touch the
# user's own. Sets IPROXY_TEST_KEYRING=1 once org.freedesktop.secrets is on the bus; ends the daemon by its PID.
# Without dbus-run-session or gnome-keyring-daemon it runs the command as it is, and keychain tests report the
# keychain as not available (a skip on a laptop, a failure in CI).
set -euo pipefail

if [ "${1:-}" != "--inside-session" ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo "with-keyring: dbus-run-session or gnome-keyring-daemon is not installed; running without a keychain" >&2
    exec "$@"
  fi
  exec dbus-run-session -- bash "$0" --inside-session "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
fi
shift

scratch=$(mktemp -d -t iproxy-keyring-XXXXXX)
export IPROXY_TEST_KEYRING_HOME="$scratch"
# The daemon keeps its keyrings under the scratch HOME; the test commands keep the real HOME (npm's cache lives there).
HOME="$scratch" XDG_DATA_HOME="$scratch/.local/share" XDG_CONFIG_HOME="$scratch/.config" XDG_CACHE_HOME="$scratch/.cache" \
  bash -c 'mkdir -p "$XDG_DATA_HOME" && printf "iproxy-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null'

name_has_owner() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

for _ in $(seq 1 100); do
  name_has_owner && break
  sleep 0.1
done

daemon_pid=""
if name_has_owner; then
  daemon_pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}')
  export IPROXY_TEST_KEYRING=1
else
  echo "with-keyring: org.freedesktop.secrets did not appear on the session bus" >&2
fi

status=0
"$@" || status=$?

[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null || true
rm -rf "$scratch"
exit "$status"
