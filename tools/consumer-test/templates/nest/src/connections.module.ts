import { Controller, Get, Module, UseFilters } from '@nestjs/common';
import { AuthKitExceptionFilter, AuthKitModule, ProviderClient, providers, type AuthKitClient } from '@authkit/nestjs';

declare global { namespace Express { interface User { id: string } } } // req.user, set by your sign-in (passport)

@Controller() @UseFilters(AuthKitExceptionFilter) // AuthKit errors → core's HTTP answers
class ConnectionsController {
  @Get('departments')
  async departments(@ProviderClient('planday', { label: 'portal-1' }) planday: AuthKitClient) {
    return (await planday.fetch('/hr/v1/Departments')).json();
  }
  // readme:begin plannr-route
  @Get('contacts')
  async contacts(@ProviderClient('plannr') plannr: AuthKitClient) {
    return (await plannr.fetch('/api/v1/contacts')).json();
  }
  // readme:end plannr-route
}

const authkit = AuthKitModule.forRoot({ getOwner: (req) => req.user?.id, cookieSecret: process.env.AUTHKIT_COOKIE_SECRET!, providers: [
  providers.planday({ clientId: process.env.PLANDAY_CLIENT_ID! }),
  // readme:begin plannr-provider
  providers.plannr({ clientId: process.env.PLANNR_CLIENT_ID!, clientSecret: process.env.PLANNR_CLIENT_SECRET! }),
  // readme:end plannr-provider
] });

@Module({ imports: [authkit], controllers: [ConnectionsController] })
export class ConnectionsModule {} // import it into your AppModule: /authkit/planday/refresh-token, /authkit/planday/connect, …
