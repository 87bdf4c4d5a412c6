#!/usr/bin/env node
/**
 * `authkit-sandbox` / `pnpm sandbox`: runs the sandbox until SIGINT/SIGTERM and prints the
 * provider URLs plus ready-to-use demo credentials.
 */
import { parseArgs } from 'node:util';
import { DEMO_CLIENTS } from './data';
import { startSandbox } from './sandbox';

const USAGE = `Usage: authkit-sandbox [--port 4010] [--host 127.0.0.1] [--auto-approve]

Runs a local emulator of iGUIDE Portal, Plannr, Planday and two generic OAuth2 APIs.
Admin API: http://HOST:PORT/__sandbox (see the @authkit/sandbox README).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'auto-approve': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const sandbox = await startSandbox({ port, host: values.host, autoApprove: values['auto-approve'] });

  const iguideToken = sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.rw', 'credentials.manage'] });
  const portalRefresh = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
  const pat = sandbox.plannr.createPersonalAccessToken();
  const oauth2Pat = sandbox.oauth2.createPersonalAccessToken();
  const apiKey = sandbox.clientCredentials.createApiKey();
  const e = sandbox.endpoints;

  // Demo credentials only: they exist in this process and die with it.
  console.log(`AuthKit sandbox listening on ${sandbox.url} (auto-approve: ${sandbox.settings.autoApprove ? 'on' : 'off'})

iGUIDE Portal   API ${e.iguide.baseUrl}
                authorize ${e.iguide.authorizationEndpoint}   token ${e.iguide.tokenEndpoint}
                OAuth client ${DEMO_CLIENTS.iguide.clientId} / ${DEMO_CLIENTS.iguide.clientSecret}
                API token  X-Plntr-App-Id: ${iguideToken.id}
                           X-Plntr-App-Token: ${iguideToken.token}
Plannr          API ${e.plannr.baseUrl}/api/v1
                authorize ${e.plannr.authorizationEndpoint}   token ${e.plannr.tokenEndpoint}
                OAuth client ${DEMO_CLIENTS.plannr.clientId} / ${DEMO_CLIENTS.plannr.clientSecret}
                personal access token ${pat.token}
Planday         API ${e.planday.baseUrl}   issuer ${e.planday.issuer}
                authorize ${e.planday.authorizationEndpoint}   token ${e.planday.tokenEndpoint}
                client ${DEMO_CLIENTS.planday.clientId} (no secret)
                "Demo Portal" (portal-1) refresh token ${portalRefresh.refreshToken}
OAuth2 + PAT    API ${e.oauth2.baseUrl}/v1
                authorize ${e.oauth2.authorizationEndpoint}   token ${e.oauth2.tokenEndpoint}
                client ${DEMO_CLIENTS.oauth2.clientId} / ${DEMO_CLIENTS.oauth2.clientSecret}
                personal access token ${oauth2Pat.token}
Client creds    API ${e.clientCredentials.baseUrl}/v1   token ${e.clientCredentials.tokenEndpoint}
                client ${DEMO_CLIENTS.clientCredentials.clientId} / ${DEMO_CLIENTS.clientCredentials.clientSecret}
                API key ${apiKey.key}

Demo clients have no redirect URIs: add yours with
  curl -X POST ${e.admin}/clients/plannr/${DEMO_CLIENTS.plannr.clientId}/redirect-uris -H 'content-type: application/json' -d '{"uri":"http://localhost:3000/callback"}'
Press Ctrl+C to stop.`);

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`authkit-sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
