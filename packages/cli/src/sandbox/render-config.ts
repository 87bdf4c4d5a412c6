import type { OptionValue, SandboxProviderConfig } from './provider-config';

function literal(value: OptionValue): string {
  if (typeof value === 'string') return quote(value);
  if (isList(value)) return `[${value.map(quote).join(', ')}]`;
  return `{ ${Object.entries(value)
    .map(([key, item]) => `${key}: ${quote(item)}`)
    .join(', ')} }`;
}

function isList(value: OptionValue): value is readonly string[] {
  return Array.isArray(value);
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The providers as an `authkit.config.mjs` a user can save and pass to `--config`. Client
 * secrets are written as `DEMO_CLIENTS.<client>.clientSecret` (exported by `@authkit/sandbox`)
 * unless `showSecrets` is set: even a demo value is not printed without being asked for.
 */
export function renderConfigModule(configs: readonly SandboxProviderConfig[], showSecrets: boolean): string {
  const lines: string[] = [`import { providers } from '@authkit/core';`];
  if (!showSecrets && configs.some((config) => config.clientSecret !== undefined)) {
    lines.push(`import { DEMO_CLIENTS } from '@authkit/sandbox';`);
  }
  lines.push('', 'export default {', '  providers: [');
  for (const config of configs) {
    lines.push(`    // ${config.note}`, `    providers.${config.factory}({`);
    for (const [key, value] of Object.entries(config.options)) lines.push(`      ${key}: ${literal(value)},`);
    if (config.clientSecret !== undefined) {
      const secret = showSecrets ? quote(config.clientSecret.value) : `DEMO_CLIENTS.${config.clientSecret.demoClient}.clientSecret`;
      lines.push(`      clientSecret: ${secret},`);
    }
    lines.push('    }),');
  }
  lines.push('  ],', '};');
  return lines.join('\n');
}
