import type { ConnectionView } from '@authkit/core';

/** How a system can be connected in the demo. `label` keeps methods of one system apart. */
export type ConnectMethod =
  | { kind: 'oauth'; title: string }
  | { kind: 'api_token'; title: string; label: string; credential: 'iguideApiToken' }
  | { kind: 'personal_access_token'; title: string; label: string; credential: 'plannrPat' | 'oauth2Pat' }
  | { kind: 'refresh_token'; title: string; credential: 'plandayRefreshToken' }
  | { kind: 'api_key'; title: string; label: string; credential: 'apiKey' }
  | { kind: 'client_credentials'; title: string };

/** One of the five seed systems, as the dashboard lists it. Its name is the provider's own. */
export interface SystemEntry {
  /** AuthKit provider id. */
  id: string;
  blurb: string;
  methods: readonly ConnectMethod[];
}

export const SYSTEMS: readonly SystemEntry[] = [
  {
    id: 'iguide',
    blurb: 'Signed with X-Plntr-App-Id / X-Plntr-App-Token, never Bearer. API tokens last a year and carry scopes.',
    methods: [
      { kind: 'oauth', title: 'Connect with the iGUIDE OAuth app' },
      { kind: 'api_token', title: 'Paste an API token (id + value)', label: 'api-token', credential: 'iguideApiToken' },
    ],
  },
  {
    id: 'plannr',
    blurb: 'Bearer plus X-PLANNR-ACCOUNT-UUID; refresh tokens rotate and expire after 6 months.',
    methods: [
      { kind: 'oauth', title: 'Connect with Plannr' },
      { kind: 'personal_access_token', title: 'Paste a personal access token', label: 'pat', credential: 'plannrPat' },
    ],
  },
  {
    id: 'planday',
    blurb: "Bearer plus X-ClientId; one refresh token per portal, no client secret.",
    methods: [
      { kind: 'oauth', title: 'Connect with Planday (partner flow)' },
      { kind: 'refresh_token', title: "Paste a portal's refresh token", credential: 'plandayRefreshToken' },
    ],
  },
  {
    id: 'oauth2',
    blurb: 'Any OAuth2 authorization-code API, configured in a few lines; it also issues personal access tokens.',
    methods: [
      { kind: 'oauth', title: 'Connect with OAuth2' },
      { kind: 'personal_access_token', title: 'Paste a personal access token', label: 'pat', credential: 'oauth2Pat' },
    ],
  },
  {
    id: 'server-api',
    blurb: 'Server to server: the client credentials grant, or a legacy X-API-Key.',
    methods: [
      { kind: 'client_credentials', title: 'Connect with client credentials' },
      { kind: 'api_key', title: 'Paste an API key', label: 'api-key', credential: 'apiKey' },
    ],
  },
];

/** A read-only request relative to a provider's base URL. */
export interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
}

/**
 * The read-only request each emulated API answers for any valid credential: what every
 * demo's "Call API" makes. `clientCredentials` and `apiKey` are the two credentials of the
 * server API, which has a different endpoint for each.
 */
export const API_CALLS = {
  iguide: { method: 'GET', path: 'iguides' },
  plannr: { method: 'GET', path: 'api/v1/contacts' },
  planday: { method: 'GET', path: 'hr/v1/Departments' },
  oauth2: { method: 'GET', path: 'v1/me' },
  clientCredentials: { method: 'GET', path: 'v1/users' },
  apiKey: { method: 'GET', path: 'v1/data' },
} as const satisfies Record<string, ApiCall>;

/** The read-only call the "Call API" button makes for a connection of {@link SYSTEMS}. */
export function apiCallFor(connection: Pick<ConnectionView, 'providerId' | 'credentialKind'>): ApiCall {
  switch (connection.providerId) {
    case 'iguide':
    case 'plannr':
    case 'planday':
    case 'oauth2':
      return API_CALLS[connection.providerId];
    default:
      return connection.credentialKind === 'api_key' ? API_CALLS.apiKey : API_CALLS.clientCredentials;
  }
}
