import { AuthKitModule } from '../src/index';
import { connectFlowSuite } from './suite';
import { ownerFromHeader, sandboxProviders } from './harness';

connectFlowSuite('AuthKitModule.forRoot', (sandbox) =>
  AuthKitModule.forRoot({ providers: sandboxProviders(sandbox), getOwner: ownerFromHeader, controller: true }),
);
