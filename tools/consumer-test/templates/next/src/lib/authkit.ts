import { createAuthKit, providers } from '@authkit/core';
import { createAuthKitNext } from '@authkit/next-auth';
import { authOptions } from './auth'; // your next-auth options

// Built on the first request, so `next build` needs no provider settings.
export const { handlers, getAuthKitClient, getAuthKit } = createAuthKitNext(() => createAuthKit({ providers: [
  providers.planday({ clientId: process.env.PLANDAY_CLIENT_ID! }),
  // readme:begin plannr-provider
  providers.plannr({ clientId: process.env.PLANNR_CLIENT_ID!, clientSecret: process.env.PLANNR_CLIENT_SECRET! }),
  // readme:end plannr-provider
] }), { authOptions });
