# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# Shared by scripts/run and scripts/test (source it; it defines functions only).
#
#   strata_root                      prints the repository root
#   strata_install_deps              installs missing Debian packages (scripts/lib/install-deps.sh)
#   strata_build BUILD_DIR [ARGS..]  configures (Ninja, RelWithDebInfo, ccache) and builds
#
# Environment: STRATA_CMAKE_ARGS (extra cmake arguments, split on whitespace, given last so they
# win), STRATA_JOBS (parallel build jobs, default: nproc), CCACHE_DIR (default ~/.cache/ccache).

strata_root() {
    (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

strata_install_deps() {
    bash "$(strata_root)/scripts/lib/install-deps.sh"
}

strata_build() {
    local build_dir=$1
    shift
    local root
    root=$(strata_root)

    if [[ -z "${CCACHE_DIR:-}" ]]; then
        local home=${HOME:-}
        [[ -n "$home" ]] || home=$(getent passwd "$(id -u)" | cut -d: -f6)
        export CCACHE_DIR="$home/.cache/ccache"
    fi

    # Cache hits across checkouts in other folders (CI builds a fresh clone each time): paths
    # below the root are hashed relative to it, and the working directory is left out.
    export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
    export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

    local -a args=(-S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
    # The generator can only be chosen for a fresh build directory.
    if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
        args+=(-G Ninja)
    fi
    if command -v ccache >/dev/null 2>&1; then
        mkdir -p "$CCACHE_DIR"
        args+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    local -a extra=()
    read -r -a extra <<<"${STRATA_CMAKE_ARGS:-}"
    args+=("$@" "${extra[@]}")

    cmake "${args[@]}"
    cmake --build "$build_dir" --parallel "${STRATA_JOBS:-$(nproc)}"
}
