// The HTTP conformance suite against @authkit/nestjs: a real Nest app (Express platform, with
// Nest's default body parsers) serving AuthKitModule's controller, and guarded routes written
// the Nest way (ConnectionGuard + @ProviderClient + AuthKitExceptionFilter).
import 'reflect-metadata';
import { Controller, Get, Module, UseFilters, UseGuards, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describeHttpConformance, OWNER_HEADER, type GuardedProvider } from '@authkit/http-conformance';
import type { Request } from 'express';
import { AuthKitExceptionFilter, AuthKitModule, ConnectionGuard, ProviderClient, type AuthKitClient } from '../src/index';

function guardedController(providerId: GuardedProvider, path: string): Type<unknown> {
  @Controller('guarded')
  @UseFilters(AuthKitExceptionFilter)
  class GuardedController {
    @Get(providerId)
    @UseGuards(ConnectionGuard(providerId))
    async call(@ProviderClient(providerId) client: AuthKitClient): Promise<unknown> {
      return (await client.fetch(path)).json();
    }
  }
  return GuardedController;
}

describeHttpConformance('nestjs', async ({ authkit, handlerOptions, guardedCalls }) => {
  @Module({
    imports: [AuthKitModule.forRoot({ authkit, getOwner: (request: Request) => request.get(OWNER_HEADER), ...handlerOptions })],
    controllers: (Object.keys(guardedCalls) as GuardedProvider[]).map((id) => guardedController(id, guardedCalls[id])),
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, basePath: '/authkit', close: () => app.close() };
});
