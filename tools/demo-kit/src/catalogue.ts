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

/** The read-only call the "Call API" button makes for a connection (relative to the provider's base URL). */
export function apiCallFor(connection: ConnectionView): { method: 'GET' | 'POST'; path: string } {
  switch (connection.providerId) {
    case 'iguide':
      return { method: 'GET', path: 'iguides' };
    case 'plannr':
      return { method: 'GET', path: 'api/v1/contacts' };
    case 'planday':
      return { method: 'GET', path: 'hr/v1/Departments' };
    case 'oauth2':
      return { method: 'GET', path: 'v1/me' };
    default:
      return connection.credentialKind === 'api_key' ? { method: 'GET', path: 'v1/data' } : { method: 'GET', path: 'v1/users' };
  }
}
