import type { NextConfig } from 'next';

const config: NextConfig = {
  // Plain Node libraries (the sandbox opens an HTTP server): load them from node_modules at run
  // time rather than bundling, so one copy serves every route.
  serverExternalPackages: ['@authkit/core', '@authkit/sandbox', '@authkit/store-file', '@authkit/demo-kit'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
