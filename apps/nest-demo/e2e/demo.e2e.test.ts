// The demos' shared browser suite (tools/e2e), run against the built Nest demo.
import { bootNodeDemo, describeDemoSuite } from '@authkit/e2e';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describeDemoSuite({ name: 'nest-demo', basePath: '/authkit', boot: (sandboxUrl) => bootNodeDemo({ name: 'nest-demo', appDir, env: { SANDBOX_URL: sandboxUrl, AUTHKIT_MAINTENANCE_INTERVAL_MS: '250' } }) });
