import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    error instanceof Error &&
    error.message.includes(specifier)
  );
}

/**
 * Imports a package the CLI does not depend on (a store the user installed beside it): first
 * as the CLI's own dependency, then from the user's project in `cwd`, because a strict
 * `node_modules` layout (pnpm) only lets a package see what it declares. Resolves undefined
 * when neither has it.
 */
export async function importOptional(specifier: string, cwd: string): Promise<unknown> {
  try {
    return (await import(specifier)) as unknown;
  } catch (error) {
    if (!isModuleNotFound(error, specifier)) throw error;
  }
  let resolved: string;
  try {
    resolved = createRequire(join(cwd, 'package.json')).resolve(specifier);
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return undefined;
    throw error;
  }
  return (await import(pathToFileURL(resolved).href)) as unknown;
}
