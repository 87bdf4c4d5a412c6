import { bootNodeDemo, type BootedDemo } from '@authkit/e2e';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type { BootedDemo };

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Boots the built demo (dist/main.js) on a random port with a fresh data directory; resolves once it listens. */
export function bootDemo(extraEnv: Record<string, string | undefined> = {}): Promise<BootedDemo> {
  return bootNodeDemo({ name: 'express-demo', appDir, env: extraEnv });
}
