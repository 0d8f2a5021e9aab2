#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Strata needs to build, run and test.
# Idempotent: asks dpkg which packages are missing and only then runs apt-get
# (so it costs a fraction of a second when everything is installed already).
#
# Usage: scripts/lib/install-deps.sh [--check]
#   --check   only list missing packages; exit 1 if any are missing.
set -euo pipefail

STRATA_DEB_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools
    libqt6sql6-psql libqt6sql6-mysql libqt6sql6-sqlite
    qt6-tools-dev qt6-l10n-tools qt6-svg-dev
    libqscintilla2-qt6-dev qtkeychain-qt6-dev
    libpq-dev libmariadb-dev libsqlite3-dev libpg-query-dev libgraphviz-dev libgl-dev
    postgresql-15 postgresql-client-15 mariadb-server mariadb-client sqlite3
    openssl xvfb xauth
    qt6-qpa-plugins libqt6keychain1
    dbus gnome-keyring libsecret-1-0
    time hyperfine
)

missing_packages() {
    # One dpkg-query call for all packages; packages dpkg has never heard of
    # are simply absent from its output.
    local -A installed=()
    local pkg status
    while read -r pkg status; do
        [[ "$status" == ii* ]] && installed[$pkg]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${STRATA_DEB_PACKAGES[@]}" 2>/dev/null || true)
    for pkg in "${STRATA_DEB_PACKAGES[@]}"; do
        [[ -n "${installed[$pkg]:-}" ]] || printf '%s\n' "$pkg"
    done
}

main() {
    local -a missing=()
    mapfile -t missing < <(missing_packages)

    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    if [[ "${1:-}" == "--check" ]]; then
        printf 'missing: %s\n' "${missing[*]}" >&2
        return 1
    fi

    local -a sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            printf 'install-deps: not root and no sudo; please install: %s\n' "${missing[*]}" >&2
            return 1
        fi
        sudo=(sudo)
    fi

    printf 'install-deps: installing %d package(s): %s\n' "${#missing[@]}" "${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # Recommends are skipped: they would pull in GTK themes and the like that
    # neither the build nor the tests need.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null

    mapfile -t missing < <(missing_packages)
    if [[ ${#missing[@]} -ne 0 ]]; then
        printf 'install-deps: still missing after apt-get: %s\n' "${missing[*]}" >&2
        return 1
    fi
}

main "$@"
