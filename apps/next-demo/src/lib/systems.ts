import { API_CALLS, type ApiCall } from '@authkit/demo-kit';

/** The seed systems the dashboard lists, and how each is connected and called. */
export type ConnectForm = 'iguide-api-token' | 'plannr-pat' | 'planday-refresh-token' | 'api-key' | 'client-credentials';

export interface DemoSystem {
  /** AuthKit provider id. */
  providerId: string;
  name: string;
  /** Offers an OAuth "Connect" button (authorization code through the consent page). */
  oauth: boolean;
  /** Static or server-to-server connection forms, each with its own connection label. */
  forms: readonly { form: ConnectForm; label: string; title: string }[];
  /** The API call the dashboard makes through AuthKit (relative to the provider's base URL). */
  call: ApiCall;
}

export const SYSTEMS: readonly DemoSystem[] = [
  {
    providerId: 'plannr',
    name: 'Plannr',
    oauth: true,
    forms: [{ form: 'plannr-pat', label: 'pat', title: 'Personal access token' }],
    call: API_CALLS.plannr,
  },
  {
    providerId: 'planday',
    name: 'Planday',
    oauth: true,
    forms: [{ form: 'planday-refresh-token', label: 'portal', title: 'Portal refresh token' }],
    call: API_CALLS.planday,
  },
  {
    providerId: 'iguide',
    name: 'iGUIDE Portal',
    oauth: true,
    forms: [{ form: 'iguide-api-token', label: 'api-token', title: 'API token (id + value)' }],
    call: API_CALLS.iguide,
  },
  {
    providerId: 'oauth2',
    name: 'Generic OAuth2 API',
    oauth: true,
    forms: [],
    call: API_CALLS.oauth2,
  },
  {
    providerId: 'server-api',
    name: 'Server API (client credentials)',
    oauth: false,
    forms: [{ form: 'client-credentials', label: '', title: 'Client credentials (server to server)' }],
    call: API_CALLS.clientCredentials,
  },
  {
    providerId: 'apikey',
    name: 'Legacy API (API key)',
    oauth: false,
    forms: [{ form: 'api-key', label: '', title: 'API key' }],
    call: API_CALLS.apiKey,
  },
];

/** The next-auth sign-in providers (the OAuth systems whose sandbox has a user to sign in as). */
export const SIGN_IN_PROVIDERS = ['plannr', 'planday', 'iguide', 'oauth2'] as const;
