#!/usr/bin/env node
// `pnpm bench`: builds, then runs every package's `bench` script in turn. Benchmarks print
// ratios against a baseline measured in the same run; they are never pass/fail tests.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const sh = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NEXT_TELEMETRY_DISABLED: '1' } });

sh('pnpm exec nx run-many -t build --outputStyle=static');
const only = process.argv.slice(2);
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, group))) {
    const manifest = join(root, group, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (!pkg.scripts?.bench) continue;
    if (only.length > 0 && !only.some((filter) => pkg.name.includes(filter))) continue;
    console.log(`\n===== ${pkg.name} =====`);
    sh(`pnpm --filter ${pkg.name} run bench`);
  }
}
