#!/usr/bin/env bash
# Quick start: set up a fresh machine, build everything, then run the sandbox and all three
# demo apps against it (Express :3001, NestJS :3002, Next.js :3003, sandbox :4010).
# `--smoke` checks that each answers, then stops them and exits (CI runs it that way).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
bash tools/setup.sh
pnpm exec nx run-many -t build --outputStyle=static
exec node tools/start-demos.mjs "$@"
