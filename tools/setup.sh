#!/usr/bin/env bash
# Sets up a fresh machine for building and running the demos: pnpm and the workspace's
# dependencies. Idempotent: each step is skipped when already done. What the tests need on top
# (Chromium, Redis, PostgreSQL) is tools/ensure-services.sh, which `pnpm test` runs first.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
export NX_NO_CLOUD=true NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

# A pnpm installed into the user's own prefix by an earlier run (see below).
case ":$PATH:" in *":$HOME/.local/bin:"*) ;; *) [ -x "$HOME/.local/bin/pnpm" ] && export PATH="$HOME/.local/bin:$PATH" ;; esac

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node.js 20.19+ with npm (Debian: apt-get install nodejs npm, or nodejs from NodeSource)" >&2
    exit 1
  fi
  echo "==> installing pnpm $PNPM_VERSION"
  if [ -w "$(npm config get prefix)/lib" ] || [ "$(id -u)" = 0 ]; then
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  else
    # npm's global folder belongs to root: install into the user's own prefix instead.
    npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
    echo "    installed into ~/.local/bin (not root); add it to PATH for your next shells"
  fi
fi

echo "==> pnpm install"
pnpm install --frozen-lockfile
