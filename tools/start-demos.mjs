#!/usr/bin/env node
// Runs the sandbox and every demo app that has been built, each pointed at the sandbox.
// `--smoke` starts them, checks that each answers, and exits (used by the tests).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SANDBOX_URL: sandboxUrl };

const demos = [
  { name: 'express-demo', port: 3001 },
  { name: 'nest-demo', port: 3002 },
  { name: 'next-demo', port: 3003 },
];

const children = [];
function run(name, command, args, extraEnv) {
  const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return response.status;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const sandboxCli = join(root, 'packages/sandbox/dist/cli.js');
if (!existsSync(sandboxCli)) {
  console.error('The sandbox is not built: run `pnpm build` first (tools/start.sh does).');
  process.exit(1);
}
run('sandbox', process.execPath, [sandboxCli, '--port', String(sandboxPort), '--host', '127.0.0.1']);
await waitFor(`${sandboxUrl}/__sandbox/health`).catch(() => waitFor(sandboxUrl));

const started = [];
for (const demo of demos) {
  const dir = join(root, 'apps', demo.name);
  if (!existsSync(join(dir, 'package.json'))) continue;
  run(demo.name, 'pnpm', ['--silent', '--filter', demo.name, 'start'], {
    PORT: String(demo.port),
    APP_URL: `http://localhost:${demo.port}`,
    AUTHKIT_DATA_DIR: join(root, '.data', demo.name),
  });
  started.push(demo);
}
for (const demo of started) {
  const status = await waitFor(`http://localhost:${demo.port}/`);
  console.log(`${demo.name} is up at http://localhost:${demo.port}/ (HTTP ${status})`);
}
console.log(`\nSandbox: ${sandboxUrl}  — open a demo above, sign in with any name, connect the providers.`);
if (smoke) {
  console.log(`quickstart smoke: ${started.length} demos answered`);
  stop(0);
}
