import { defineConfig } from 'tsdown';

// Built like packages/*: the demos load dist/index.js at run time (express-demo's bundle keeps
// workspace packages external; nest-demo's tsc build resolves the `import` condition).
export default defineConfig({
  // user-name: the sign-in rule alone, for Next's client-side form (no Node built-ins).
  entry: ['src/index.ts', 'src/user-name.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'node',
  fixedExtension: false,
});
