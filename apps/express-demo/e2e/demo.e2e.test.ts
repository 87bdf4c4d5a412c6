// The demos' shared browser suite (tools/e2e), run against the built Express demo.
import { describeDemoSuite } from '@authkit/e2e';
import { bootDemo } from './boot';

describeDemoSuite({ name: 'express-demo', basePath: '/connections', boot: (sandboxUrl) => bootDemo({ SANDBOX_URL: sandboxUrl, AUTHKIT_MAINTENANCE_INTERVAL_MS: '250' }) });
