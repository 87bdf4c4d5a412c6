import { Injectable } from '@nestjs/common';
import { AuthKitModule, type AuthKitModuleOptions } from '../src/index';
import { connectFlowSuite } from './suite';
import { ownerFromHeader, sandboxProviders, type Sandbox } from './harness';

let current: Sandbox | undefined;

/** An options factory class, as `forRootAsync({ useClass })` expects. */
@Injectable()
class AuthKitConfig {
  createAuthKitOptions(): AuthKitModuleOptions {
    if (!current) throw new Error('sandbox not started');
    return { providers: sandboxProviders(current), getOwner: ownerFromHeader };
  }
}

connectFlowSuite('AuthKitModule.forRootAsync with useClass', (sandbox) => {
  current = sandbox;
  return AuthKitModule.forRootAsync({ useClass: AuthKitConfig, controller: true });
});
