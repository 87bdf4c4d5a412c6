import type { ConnectMethod, SystemEntry } from '../catalogue';
import type { ShownCredentials } from '../credential-bank';
import type { DemoCredentialKind } from '../credentials';
import { credentialFields, hidden, RETURN_TO } from './card';
import type { DemoCredentialView, FieldView, FormView, MethodView } from './model';

/** The test-id suffix of each pasted-credential form. */
const FORM_SUFFIX = { api_token: 'api-token', personal_access_token: 'pat', api_key: 'api-key' } as const;

/** What a demo credential is called where it is held back. */
const CREDENTIAL_NAMES: Record<DemoCredentialKind, string> = {
  iguideApiToken: 'API token',
  plannrPat: 'personal access token',
  plandayRefreshToken: 'portal refresh token',
  oauth2Pat: 'personal access token',
  apiKey: 'API key',
};

/** The demo credential beside a form: its values to paste, or a button to mint a fresh one. */
function demoCredential(kind: DemoCredentialKind, credentials: ShownCredentials, systemId: string): DemoCredentialView | undefined {
  const held = credentials.inUse[kind];
  if (held !== undefined) {
    return {
      kind: 'in_use',
      text: `The demo ${CREDENTIAL_NAMES[kind]} backs your connection "${held}", so it is not shown again.`,
      mint: { action: '/demo/mint', testId: `mint-${systemId}`, fields: [hidden('kind', kind)], button: 'Mint a new demo credential' },
    };
  }
  const c = credentials.shown;
  const item = (label: string, testId: string, value: string | undefined) => (value === undefined ? [] : [{ label, testId, value }]);
  const items =
    kind === 'iguideApiToken'
      ? [
          ...item('token id', 'demo-iguide-token-id', c.iguideApiToken?.id),
          ...item('token value', 'demo-iguide-token', c.iguideApiToken?.token),
          ...item('expires at', 'demo-iguide-expires-at', c.iguideApiToken?.expiresAt),
          ...item('scopes', 'demo-iguide-scopes', c.iguideApiToken?.scopes.join(' ')),
        ]
      : kind === 'plannrPat'
        ? item('demo PAT', 'demo-plannr-pat', c.plannrPat)
        : kind === 'oauth2Pat'
          ? item('demo PAT', 'demo-oauth2-pat', c.oauth2Pat)
          : kind === 'plandayRefreshToken'
            ? item('demo refresh token (your demo portal)', 'demo-planday-refresh-token', c.plandayRefreshToken)
            : item('demo API key', 'demo-api-key', c.apiKey);
  return items.length === 0 ? undefined : { kind: 'shown', items };
}

/** One way to connect a system: a link into the browser flow, or a form posting to the surface. */
export function methodView(basePath: string, system: SystemEntry, method: ConnectMethod, credentials: ShownCredentials): MethodView {
  const base = `${basePath}/${encodeURIComponent(system.id)}`;
  const form = (route: string, testId: string, fields: FieldView[], button = 'Connect'): FormView => ({
    action: `${base}/${route}`,
    testId,
    fields: [RETURN_TO, ...fields],
    button,
  });
  const withDemo = (view: { title: string; form: FormView }, kind: DemoCredentialKind): MethodView => {
    const demo = demoCredential(kind, credentials, system.id);
    return { kind: 'form', ...view, ...(demo === undefined ? {} : { demo }) };
  };
  switch (method.kind) {
    case 'oauth':
      return { kind: 'link', testId: `connect-${system.id}`, title: method.title, href: `${base}/connect?returnTo=/` };
    case 'client_credentials':
      return { kind: 'form', title: method.title, form: form('client-credentials', `form-${system.id}-client-credentials`, []) };
    case 'api_token':
    case 'personal_access_token':
    case 'api_key':
      return withDemo(
        {
          title: method.title,
          form: form('credentials', `form-${system.id}-${FORM_SUFFIX[method.kind]}`, [hidden('kind', method.kind), hidden('label', method.label), ...credentialFields(method.kind)]),
        },
        method.credential,
      );
    case 'refresh_token':
      return withDemo(
        {
          title: method.title,
          form: form('refresh-token', `form-${system.id}-refresh-token`, [
            // Optional: the surface picks the next free portal-N, and never replaces a portal silently.
            { name: 'label', label: 'Portal label', type: 'text', required: false, hint: 'optional: portal-1, portal-2, … by default' },
            ...credentialFields('oauth2'),
          ]),
        },
        method.credential,
      );
  }
}
