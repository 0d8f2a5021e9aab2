#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test against a throwaway Secret Service: a private D-Bus session with a
# gnome-keyring-daemon whose keyring lives in a temporary folder, removed afterwards.
# Usage: with-keyring.sh <test binary> [args...]
set -euo pipefail
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The keyring's unlock password is a throwaway for this keyring only, given on stdin.
dbus-run-session -- bash -c '
    printf throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' keyring "$@"
