import { Command, InvalidArgumentError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { ProviderId } from '@authkit/sandbox';
import type { CliIO } from '../io';
import { sandboxProviderConfigs } from '../sandbox/provider-config';
import { renderConfigModule } from '../sandbox/render-config';

const SANDBOX_PROVIDERS: readonly ProviderId[] = ['iguide', 'plannr', 'planday', 'oauth2', 'clientCredentials'];

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is 0-65535 (0 picks a free one)');
  return port;
}

function collectRedirect(value: string, previous: { provider: ProviderId; uri: string }[]) {
  const eq = value.indexOf('=');
  const provider = value.slice(0, eq) as ProviderId;
  if (eq < 0 || !SANDBOX_PROVIDERS.includes(provider)) {
    throw new InvalidArgumentError(`expected <provider>=<uri>, provider one of ${SANDBOX_PROVIDERS.join(', ')}`);
  }
  return [...previous, { provider, uri: value.slice(eq + 1) }];
}

/**
 * `authkit sandbox`: starts `@authkit/sandbox` (its exported `startSandbox`, the same emulator
 * `pnpm sandbox` runs) and prints the provider configuration that reaches it, then serves until
 * Ctrl+C or SIGTERM.
 */
export function sandboxCommand(io: CliIO): CommandUnknownOpts {
  return new Command('sandbox')
    .description('run the local provider emulator (iGUIDE, Plannr, Planday, generic OAuth2 and API-key APIs) and print the provider configuration for it')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--auto-approve', 'skip the consent pages: authorize endpoints redirect straight back with a code')
    .option('--redirect-uri <provider=uri>', 'allow a redirect URI for a demo client, e.g. plannr=http://localhost:3000/callback (repeatable)', collectRedirect, [])
    .option('--show-secrets', 'print the demo clients’ fixed secrets inline instead of DEMO_CLIENTS references')
    .option('--json', 'print one JSON line (url, admin API, providers and their options) instead of the config module')
    .action(async (options) => {
      // Loaded here, not at start-up: the other commands never need the emulator.
      const { startSandbox } = await import('@authkit/sandbox');
      const sandbox = await startSandbox({ port: options.port, host: options.host, autoApprove: options.autoApprove === true });
      try {
        for (const { provider, uri } of options.redirectUri) sandbox.addRedirectUri(provider, sandbox.demoClients[provider].clientId, uri);
        const configs = sandboxProviderConfigs(sandbox.endpoints, sandbox.demoClients);
        if (options.json) {
          const providers = configs.map(({ clientSecret, ...config }) => ({
            ...config,
            ...(clientSecret === undefined ? {} : options.showSecrets ? { clientSecret: clientSecret.value } : { clientSecretFrom: `DEMO_CLIENTS.${clientSecret.demoClient}.clientSecret` }),
          }));
          // One line, so a supervising script can read it as soon as it is written.
          io.stdout.write(`${JSON.stringify({ url: sandbox.url, admin: sandbox.endpoints.admin, autoApprove: sandbox.settings.autoApprove, providers })}\n`);
        } else {
          io.stdout.write(
            [
              `AuthKit sandbox running at ${sandbox.url} (consent pages: ${sandbox.settings.autoApprove ? 'auto-approved' : 'shown'}).`,
              `Admin API (demo tokens, faults, redirect URIs): ${sandbox.endpoints.admin}`,
              options.redirectUri.length === 0
                ? 'No redirect URIs yet: add --redirect-uri <provider>=<uri> for each OAuth callback of your app.'
                : `Redirect URIs: ${options.redirectUri.map((r) => `${r.provider} ${r.uri}`).join(', ')}`,
              '',
              'Provider configuration (save as authkit.config.mjs for `authkit connections --config`):',
              '',
              renderConfigModule(configs, options.showSecrets === true),
              '',
              'Press Ctrl+C to stop.',
              '',
            ].join('\n'),
          );
        }
        await io.waitForStop();
      } finally {
        await sandbox.close();
      }
    });
}
