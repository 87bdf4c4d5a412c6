import type { ProviderId } from './types';

/** Fixed demo clients, pre-registered in every sandbox. They start with no redirect URIs. */
export const DEMO_CLIENTS = {
  iguide: { clientId: 'iguide-demo-client', clientSecret: 'iguide-demo-secret' },
  plannr: { clientId: 'plannr-demo-client', clientSecret: 'plannr-demo-secret' },
  planday: { clientId: 'planday-demo-client' },
  oauth2: { clientId: 'oauth2-demo-client', clientSecret: 'oauth2-demo-secret' },
  clientCredentials: { clientId: 'cc-demo-client', clientSecret: 'cc-demo-secret' },
} as const satisfies Record<ProviderId, { clientId: string; clientSecret?: string }>;

export const DEMO_CLIENT_SCOPES: Record<ProviderId, string[] | undefined> = {
  iguide: undefined,
  plannr: undefined,
  planday: ['openid', 'offline_access', 'department:read', 'employee:read'],
  oauth2: undefined,
  clientCredentials: ['users:read', 'data:read'],
};

export interface PlannrAccount {
  uuid: string;
  name: string;
}

export interface PlannrUser {
  id: number;
  uuid: string;
  name: string;
  email: string;
  accounts: PlannrAccount[];
  preferredAccountUuid: string;
}

export interface PlandayPortal {
  portalId: string;
  name: string;
  departments: { id: number; name: string; number: string }[];
  employees: { id: number; firstName: string; lastName: string; email: string; departments: number[] }[];
}

export interface Iguide {
  id: string;
  alias: string;
  address: string;
  status: string;
}

/** The mutable world behind the emulated APIs. */
export interface SandboxData {
  plannrUsers: PlannrUser[];
  plandayPortals: PlandayPortal[];
  iguides: Iguide[];
  /** The iGUIDE Portal user owning every API token and authorizing every OAuth app. */
  iguideUser: { id: string; email: string };
  oauth2User: { id: string; name: string; email: string };
}

export function defaultData(): SandboxData {
  return {
    plannrUsers: [
      {
        id: 1,
        uuid: '7d0c8a2e-5b1f-4c3d-9e8a-1f2b3c4d5e6f',
        name: 'Dana Demo',
        email: 'dana@plannr.test',
        accounts: [
          { uuid: '0f3a9a4e-1c2b-4d5e-8f9a-0b1c2d3e4f50', name: 'Demo Advisers Ltd' },
          { uuid: '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e', name: 'Second Practice LLP' },
        ],
        preferredAccountUuid: '0f3a9a4e-1c2b-4d5e-8f9a-0b1c2d3e4f50',
      },
    ],
    plandayPortals: [demoPortal('portal-1', 'Demo Portal')],
    iguides: [
      { id: 'ig-1001', alias: 'maple-house', address: '12 Maple Street, Ottawa', status: 'published' },
      { id: 'ig-1002', alias: 'harbour-loft', address: '3 Harbour Road, Halifax', status: 'processing' },
      { id: 'ig-1003', alias: 'cedar-office', address: '88 Cedar Ave, Calgary', status: 'published' },
    ],
    iguideUser: { id: 'user-42', email: 'owner@iguide.test' },
    oauth2User: { id: 'u-1', name: 'Olive OAuth', email: 'olive@example.test' },
  };
}

export function demoPortal(portalId: string, name: string): PlandayPortal {
  return {
    portalId,
    name,
    departments: [
      { id: 101, name: 'Kitchen', number: 'K1' },
      { id: 102, name: 'Front of House', number: 'F1' },
    ],
    employees: [
      { id: 5001, firstName: 'Ada', lastName: 'Lund', email: 'ada@portal.test', departments: [101] },
      { id: 5002, firstName: 'Bo', lastName: 'Berg', email: 'bo@portal.test', departments: [102] },
    ],
  };
}
