import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AuthKitModule, type AuthKitModuleOptions } from '@authkit/nestjs';
import { createDemoStore, DEMO_MAINTENANCE, demoProviders, DemoSession, maintenanceIntervalMs } from '@authkit/demo-kit';
import type { SandboxConnection } from '@authkit/sandbox';
import { ApiController } from './api.controller.js';
import { DEMO, demoConfig, type DemoConfig } from './config.js';
import { DemoActionsController } from './demo-actions.controller.js';
import { DemoController } from './demo.controller.js';
import { DemoErrorFilter } from './demo-error.filter.js';
import { DemoState } from './demo-state.js';
import { FaviconController } from './favicon.controller.js';
import { InfraModule, SANDBOX } from './sandbox.module.js';
import { BASE_PATH } from './views.js';

@Module({
  controllers: [DemoController, DemoActionsController, ApiController, FaviconController],
  providers: [DemoState, DemoErrorFilter],
})
class DemoModule {}

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [demoConfig] }),
    InfraModule,
    AuthKitModule.forRootAsync({
      inject: [ConfigService, SANDBOX, DemoSession],
      useFactory: (config: ConfigService, sandbox: SandboxConnection, session: DemoSession): AuthKitModuleOptions => {
        const demo = config.getOrThrow<DemoConfig>(DEMO);
        const { store, description } = createDemoStore(demo);
        console.log(`nest-demo: connections kept in ${description}`);
        return {
          providers: demoProviders(sandbox),
          store,
          maintenance: DEMO_MAINTENANCE,
          // Started once the app has bootstrapped, stopped on app.close() / shutdown hooks.
          startMaintenance: { intervalMs: maintenanceIntervalMs() },
          getOwner: (req) => session.user(req),
          cookieSecret: demo.secret,
          ...(demo.appUrl ? { appUrl: demo.appUrl } : {}),
        };
      },
      isGlobal: true,
      // The module's controller serves core's connect surface under /authkit.
      basePath: BASE_PATH,
    }),
    DemoModule,
  ],
})
export class AppModule {}
