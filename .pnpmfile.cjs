// Only for `pnpm pack` / `pnpm publish`: the manifest that goes into each tarball
// (tools/release/published-manifest.cjs). Nothing here changes what `pnpm install` resolves.
/* global module, require */
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = { hooks: { beforePacking: require('./tools/release/published-manifest.cjs') } };
