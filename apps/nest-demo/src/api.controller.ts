import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { AuthKitExceptionFilter, ConnectionGuard, ProviderClient, type AuthKitClient } from '@authkit/nestjs';

/** JSON routes as an app would write them: the guard requires the connection, the decorator hands over its signed client. */
@Controller('api')
@UseFilters(AuthKitExceptionFilter)
export class ApiController {
  @Get('planday/departments')
  @UseGuards(ConnectionGuard('planday'))
  async departments(@ProviderClient('planday') planday: AuthKitClient): Promise<unknown> {
    return (await planday.fetch('hr/v1/Departments')).json();
  }

  @Get('plannr/contacts')
  @UseGuards(ConnectionGuard('plannr'))
  async contacts(@ProviderClient('plannr') plannr: AuthKitClient): Promise<unknown> {
    return (await plannr.fetch('api/v1/contacts')).json();
  }
}
