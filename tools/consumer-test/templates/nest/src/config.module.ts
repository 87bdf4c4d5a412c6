// The README's forRootAsync example, compiled (not started): options from @nestjs/config.
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AuthKitModule, providers } from '@authkit/nestjs';

@Module({
  imports: [
    // readme:begin for-root-async
    AuthKitModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        providers: [providers.planday({ clientId: config.getOrThrow('PLANDAY_CLIENT_ID') })],
        getOwner: (req) => req.user?.id,
        cookieSecret: config.getOrThrow('AUTHKIT_COOKIE_SECRET'),
      }),
      isGlobal: true,
    }),
    // readme:end for-root-async
  ],
})
export class ConfiguredModule {}
