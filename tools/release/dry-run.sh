#!/usr/bin/env bash
# The release steps of RELEASING.md, rehearsed in a throwaway clone of the current commit:
# install, `changeset version`, build, `pnpm publish -r --dry-run`, then each tarball checked.
# Nothing is committed, tagged or published; the clone is removed at the end.
#   bash tools/release/dry-run.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
clone="$(mktemp -d "${TMPDIR:-/tmp}/authkit-release-XXXXXX")"
trap 'rm -rf "$clone"' EXIT
export NX_NO_CLOUD=true NX_DAEMON=false

git clone --quiet "$repo" "$clone"
cd "$clone"
echo "==> $(git log -1 --format='%h %s' | cut -c1-100)"
pnpm install --frozen-lockfile --reporter=silent
pnpm changeset version
pnpm install --reporter=silent
git status --short -- packages
pnpm -r --filter './packages/*' run build > build.log 2>&1 || { tail -40 build.log; exit 1; }
pnpm publish -r --dry-run --no-git-checks
for dir in packages/*/; do
  (cd "$dir" && node ../../tools/release/check-package.mjs > check.log 2>&1 || { cat check.log; exit 1; }; head -1 check.log)
done
echo "==> release dry run passed"
