import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DemoSession } from '@authkit/demo-kit';
import { startOrConnectSandbox, type SandboxConnection } from '@authkit/sandbox';
import { DEMO, type DemoConfig } from './config.js';

/** Injection token of the {@link SandboxConnection}. */
export const SANDBOX = Symbol('SANDBOX');

/** Stops the in-process sandbox when the app shuts down (a remote one is left running). */
@Injectable()
class SandboxLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SANDBOX) private readonly sandbox: SandboxConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.sandbox.close();
  }
}

/**
 * The sandbox the demo talks to (`SANDBOX_URL`, or one started in-process) and the demo
 * login session: both global, so `AuthKitModule.forRootAsync` can inject them.
 */
@Global()
@Module({
  providers: [
    {
      provide: SANDBOX,
      inject: [ConfigService],
      useFactory: (config: ConfigService): Promise<SandboxConnection> => startOrConnectSandbox({ url: config.getOrThrow<DemoConfig>(DEMO).sandboxUrl }),
    },
    {
      provide: DemoSession,
      inject: [ConfigService],
      useFactory: (config: ConfigService): DemoSession => {
        const { secret, appUrl } = config.getOrThrow<DemoConfig>(DEMO);
        // Its own cookie name: the Express demo on the same host (localhost) uses `demo_user`.
        return new DemoSession({ cookie: 'nest_demo_user', secret, secure: appUrl?.startsWith('https:') ?? false });
      },
    },
    SandboxLifecycle,
  ],
  exports: [SANDBOX, DemoSession],
})
export class InfraModule {}
