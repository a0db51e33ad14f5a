#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
#
# Installs what is missing, builds, and opens Quarry on the sample workspace.
#   scripts/run-app.sh [WORKSPACE] [quarry options...]   default: resources/samples/seed.quarry
# Without a display (no DISPLAY / WAYLAND_DISPLAY) the window opens on a virtual X server (Xvfb);
# QUARRY_SCREENSHOT=file.png then saves a screenshot of it after a few seconds and quits.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${QUARRY_BUILD_DIR:-$root/build}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
export QUARRY_BUILD_DIR=$build

bash "$root/scripts/setup-deps.sh"
bash "$root/scripts/build.sh"

args=("$@")
[ ${#args[@]} -gt 0 ] || args=("$root/resources/samples/seed.quarry")
app=("$build/bin/quarry" "${args[@]}")

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    echo "run-app: starting ${app[*]}"
    exec "${app[@]}"
fi

echo "run-app: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)."
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "run-app: xvfb-run is not installed either; run this from a desktop session, or install xvfb." >&2
    exit 1
fi
if [ -n "${QUARRY_SCREENSHOT:-}" ]; then
    shot=$(realpath -m "$QUARRY_SCREENSHOT")
    echo "run-app: starting Quarry on a virtual X server; a screenshot goes to $shot"
    # shellcheck disable=SC2016
    exec xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
        "$@" & app=$!
        sleep "${QUARRY_SCREENSHOT_DELAY:-4}"
        import -window root "$0"
        kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true
        echo "run-app: screenshot saved to $0"' "$shot" "${app[@]}"
fi
echo "run-app: starting Quarry on a virtual X server (Xvfb). Nothing will be visible here: the window"
echo "run-app: runs headless until you press Ctrl+C. Run this from a desktop session to see it, or set"
echo "run-app: QUARRY_SCREENSHOT=shot.png to save a screenshot of it."
exec xvfb-run -a -s "-screen 0 1440x900x24" "${app[@]}"
