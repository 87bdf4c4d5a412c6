/**
 * The package.json that goes into a published tarball (pnpm's `beforePacking` hook, wired in
 * the root .pnpmfile.cjs): what a user's install needs, without the workspace's conveniences.
 *   - `devDependencies` and `scripts` go: they name private workspace packages
 *     (@authkit/store-conformance, @authkit/http-conformance) and workspace commands.
 *   - The `@authkit/source` export condition goes: it points at `src/`, which is not shipped.
 */
/* global module */
const SOURCE_CONDITION = '@authkit/source';

function withoutCondition(value) {
  if (Array.isArray(value)) return value.map(withoutCondition);
  if (value === null || typeof value !== 'object') return value;
  const result = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key !== SOURCE_CONDITION) result[key] = withoutCondition(entry);
  }
  return result;
}

module.exports = function publishedManifest(manifest) {
  if (manifest.private) return manifest;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { devDependencies, scripts, ...published } = manifest;
  if (published.exports !== undefined) published.exports = withoutCondition(published.exports);
  return published;
};
