// The demos' shared browser suite (tools/e2e), run against the built Next demo (`next start`),
// plus what only this demo has: signing in with a provider account through next-auth.
import { describeDemoSuite } from '@authkit/e2e';
import { startBuiltApp } from './app-server';
import { nextAuthCases } from './next-auth-cases';

describeDemoSuite({ name: 'next-demo', basePath: '/api/authkit', boot: (sandboxUrl) => startBuiltApp({ SANDBOX_URL: sandboxUrl, AUTHKIT_MAINTENANCE_INTERVAL_MS: '250' }) }, nextAuthCases);
