import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A free port: `next start` needs it up front because the callback URLs derive from it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the built app (`next build` output) with `next start` on a random port; its sandbox starts inside it. */
export async function startBuiltApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (!existsSync(join(APP_DIR, '.next', 'BUILD_ID'))) throw new Error('Build the app first: pnpm --filter next-demo build');
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'next-demo-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(APP_DIR, 'node_modules/next/dist/bin/next'), 'start', '-H', 'localhost', '-p', String(port)], {
    cwd: APP_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: url, NEXTAUTH_URL: url, AUTHKIT_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Ready when next-auth answers; the first request also starts the in-process sandbox.
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/auth/providers`);
      if (response.ok) break;
      if (response.status >= 500) {
        await stop();
        throw new Error(`the app failed to start (HTTP ${response.status}):\n${output}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('the app failed')) throw error;
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, output: () => output, stop };
}
