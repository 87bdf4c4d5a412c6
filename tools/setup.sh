#!/usr/bin/env bash
# Sets up a fresh machine: pnpm, the workspace's dependencies, Debian's Chromium for browser
# tests, and a running Redis. Idempotent: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
export NX_NO_CLOUD=true NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

if [ "${AUTHKIT_SKIP_BROWSER:-}" != 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian's chromium (browser tests)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1); then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "==> installing redis-server"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
  fi
  echo "==> starting redis on 127.0.0.1:6379"
  mkdir -p /tmp/authkit-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/authkit-redis --logfile /tmp/authkit-redis/redis.log
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

echo "==> pnpm install"
pnpm install --frozen-lockfile
