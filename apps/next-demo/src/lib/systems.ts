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
  call: { method: 'GET' | 'POST'; path: string };
}

export const SYSTEMS: readonly DemoSystem[] = [
  {
    providerId: 'plannr',
    name: 'Plannr',
    oauth: true,
    forms: [{ form: 'plannr-pat', label: 'pat', title: 'Personal access token' }],
    call: { method: 'GET', path: 'api/v1/contacts' },
  },
  {
    providerId: 'planday',
    name: 'Planday',
    oauth: true,
    forms: [{ form: 'planday-refresh-token', label: 'portal', title: 'Portal refresh token' }],
    call: { method: 'GET', path: 'hr/v1/Departments' },
  },
  {
    providerId: 'iguide',
    name: 'iGUIDE Portal',
    oauth: true,
    forms: [{ form: 'iguide-api-token', label: 'api-token', title: 'API token (id + value)' }],
    call: { method: 'GET', path: 'iguides' },
  },
  {
    providerId: 'oauth2',
    name: 'Generic OAuth2 API',
    oauth: true,
    forms: [],
    call: { method: 'GET', path: 'v1/me' },
  },
  {
    providerId: 'server-api',
    name: 'Server API (client credentials)',
    oauth: false,
    forms: [{ form: 'client-credentials', label: '', title: 'Client credentials (server to server)' }],
    call: { method: 'GET', path: 'v1/users' },
  },
  {
    providerId: 'apikey',
    name: 'Legacy API (API key)',
    oauth: false,
    forms: [{ form: 'api-key', label: '', title: 'API key' }],
    call: { method: 'GET', path: 'v1/data' },
  },
];

/** The next-auth sign-in providers (the OAuth systems whose sandbox has a user to sign in as). */
export const SIGN_IN_PROVIDERS = ['plannr', 'planday', 'iguide', 'oauth2'] as const;
