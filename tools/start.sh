#!/usr/bin/env bash
# Quick start: set up a fresh machine, build everything, then run the sandbox and all three
# demo apps against it (Express :3001, NestJS :3002, Next.js :3003, sandbox :4010).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
AUTHKIT_SKIP_BROWSER=1 bash tools/setup.sh
pnpm exec nx run-many -t build --outputStyle=static
exec node tools/start-demos.mjs "$@"
