import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BootedDemo {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Boots the built demo on a random port with a fresh data directory; resolves once it listens. */
export async function bootDemo(extraEnv: NodeJS.ProcessEnv = {}): Promise<BootedDemo> {
  const main = join(appDir, 'dist/main.js');
  if (!existsSync(main)) throw new Error('express-demo is not built: run `pnpm --filter express-demo build` (nx e2e does)');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DEMO_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef',
    AUTHKIT_DATA_DIR: mkdtempSync(join(tmpdir(), 'express-demo-e2e-')),
    ...extraEnv,
  };
  if (extraEnv.SANDBOX_URL === undefined) delete env.SANDBOX_URL;
  delete env.APP_URL;
  const child = spawn(process.execPath, [main], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
