import { ConfigModule, ConfigService } from '@nestjs/config';
import { AuthKitModule } from '../src/index';
import { connectFlowSuite } from './suite';
import { ownerFromHeader, sandboxProviders, type Sandbox } from './harness';

connectFlowSuite('AuthKitModule.forRootAsync with ConfigService', (sandbox) =>
  AuthKitModule.forRootAsync({
    imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ sandbox })] })],
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      providers: sandboxProviders(config.getOrThrow<Sandbox>('sandbox')),
      getOwner: ownerFromHeader,
      authorizationTtlMs: 60_000,
    }),
    isGlobal: true,
    controller: true,
  }),
);
