#!/usr/bin/env bash
# Sets up a fresh machine for building and running the demos: pnpm and the workspace's
# dependencies. Idempotent: each step is skipped when already done. What the tests need on top
# (Chromium, Redis, PostgreSQL) is tools/ensure-services.sh, which `pnpm test` runs first.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
export NX_NO_CLOUD=true NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "==> pnpm install"
pnpm install --frozen-lockfile
