import { createAuthKit, providers } from '@authkit/core';

const authkit = createAuthKit({ providers: [providers.planday({ clientId: process.env.PLANDAY_CLIENT_ID! })] });

// Planday: paste a portal's refresh token; it is exchanged at once, so a bad one fails here.
const portal = await authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant-1', refreshToken: process.env.PLANDAY_REFRESH_TOKEN!, label: 'portal-a' });
const res = await authkit.client('planday', portal.id).fetch('/hr/v1/Departments'); // Bearer + X-ClientId, refreshed as needed
console.log(await res.json());
