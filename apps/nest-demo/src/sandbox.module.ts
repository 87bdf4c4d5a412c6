import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DEMO, type DemoConfig } from './config.js';
import { DemoSession } from './session.js';
import { connectToSandbox, startInProcessSandbox, type SandboxLink } from './sandbox-link.js';

/** Injection token of the {@link SandboxLink}. */
export const SANDBOX_LINK = Symbol('SANDBOX_LINK');

/** Stops the in-process sandbox when the app shuts down. */
@Injectable()
class SandboxLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SANDBOX_LINK) private readonly link: SandboxLink) {}
  async onApplicationShutdown(): Promise<void> {
    await this.link.close();
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
      provide: SANDBOX_LINK,
      inject: [ConfigService],
      useFactory: (config: ConfigService): Promise<SandboxLink> => {
        const { sandboxUrl } = config.getOrThrow<DemoConfig>(DEMO);
        return sandboxUrl ? connectToSandbox(sandboxUrl) : startInProcessSandbox();
      },
    },
    {
      provide: DemoSession,
      inject: [ConfigService],
      useFactory: (config: ConfigService): DemoSession => {
        const { secret, appUrl } = config.getOrThrow<DemoConfig>(DEMO);
        return new DemoSession(secret, appUrl?.startsWith('https:') ?? false);
      },
    },
    SandboxLifecycle,
  ],
  exports: [SANDBOX_LINK, DemoSession],
})
export class InfraModule {}
