import type { ConnectionView } from '@authkit/core';

/** How a system can be connected in the demo. `label` keeps methods of one system apart. */
export type ConnectMethod =
  | { kind: 'oauth'; title: string }
  | { kind: 'api_token'; title: string; label: string }
  | { kind: 'personal_access_token'; title: string; label: string }
  | { kind: 'refresh_token'; title: string }
  | { kind: 'api_key'; title: string; label: string }
  | { kind: 'client_credentials'; title: string };

/** One of the five seed systems, as the dashboard lists it. */
export interface SystemEntry {
  /** AuthKit provider id. */
  id: string;
  name: string;
  blurb: string;
  methods: ConnectMethod[];
}

export const SYSTEMS: readonly SystemEntry[] = [
  {
    id: 'iguide',
    name: 'iGUIDE Portal',
    blurb: 'Signed with X-Plntr-App-Id / X-Plntr-App-Token, never Bearer.',
    methods: [
      { kind: 'oauth', title: 'Connect the iGUIDE OAuth app' },
      { kind: 'api_token', title: 'Paste an API token pair', label: 'api-token' },
    ],
  },
  {
    id: 'plannr',
    name: 'Plannr CRM',
    blurb: 'Bearer plus X-PLANNR-ACCOUNT-UUID; refresh tokens rotate and expire after 6 months.',
    methods: [
      { kind: 'oauth', title: 'Connect with Plannr (OAuth2)' },
      { kind: 'personal_access_token', title: 'Paste a personal access token', label: 'pat' },
    ],
  },
  {
    id: 'planday',
    name: 'Planday',
    blurb: 'Bearer plus X-ClientId; one refresh token per portal, no client secret.',
    methods: [
      { kind: 'oauth', title: 'Connect with Planday (partner flow)' },
      { kind: 'refresh_token', title: "Paste a portal's refresh token" },
    ],
  },
  {
    id: 'oauth2',
    name: 'Generic OAuth2 API',
    blurb: 'Any OAuth2 authorization-code API, configured in a few lines.',
    methods: [{ kind: 'oauth', title: 'Connect (OAuth2)' }],
  },
  {
    id: 'server-api',
    name: 'Server API (client credentials)',
    blurb: 'Server to server: client credentials grant, or a legacy X-API-Key.',
    methods: [
      { kind: 'client_credentials', title: 'Connect with client credentials' },
      { kind: 'api_key', title: 'Paste an API key', label: 'api-key' },
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
 * server API (seed 003), which has a different endpoint for each.
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
export function apiCallFor(connection: ConnectionView): ApiCall {
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
