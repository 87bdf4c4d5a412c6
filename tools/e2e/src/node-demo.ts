import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BootedDemo {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Boots a built Node demo (`<appDir>/dist/main.js`, as `pnpm start` runs it) on a random
 * port with a fresh data directory and a fixed session secret; resolves with the URL it
 * prints (`listening on http://…`). Without `SANDBOX_URL` in `env` the demo starts its own
 * sandbox; APP_URL is dropped so callback URLs follow the port actually bound.
 */
export async function bootNodeDemo(options: { name: string; appDir: string; env?: Record<string, string | undefined> }): Promise<BootedDemo> {
  const { name, appDir } = options;
  // A plain record, not NodeJS.ProcessEnv: Next's types make NODE_ENV required there.
  const extraEnv = options.env ?? {};
  const main = join(appDir, 'dist/main.js');
  if (!existsSync(main)) throw new Error(`${name} is not built: run \`pnpm --filter ${name} build\` (nx e2e does)`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DEMO_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef',
    AUTHKIT_DATA_DIR: mkdtempSync(join(tmpdir(), `${name}-e2e-`)),
    ...extraEnv,
  };
  if (extraEnv.SANDBOX_URL === undefined) delete env.SANDBOX_URL;
  delete env.APP_URL;
  const child = spawn(process.execPath, [main], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
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
      reject(new Error(`${name} exited with ${code}:\n${output}`));
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
