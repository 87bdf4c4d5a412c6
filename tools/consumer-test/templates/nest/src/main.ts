// The app a user already has: an AppModule, a page and a sign-in (a stand-in for passport's,
// which sets req.user). Not README code: the README's ConnectionsModule is imported into it.
import 'reflect-metadata';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { ConnectionsModule } from './connections.module.js';

const form = readFileSync(new URL('../src/connect-planday.html', import.meta.url), 'utf8');

@Controller()
class PagesController {
  @Get('connect-planday')
  @Header('content-type', 'text/html; charset=utf-8')
  connectPlanday(): string {
    return form;
  }
}

@Module({ imports: [ConnectionsModule], controllers: [PagesController] })
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
app.use((req: Request, _res: Response, next: NextFunction) => {
  const user = /(?:^|;\s*)user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (user !== undefined) req.user = { id: decodeURIComponent(user) };
  next();
});
await app.listen(Number(process.env.PORT), '127.0.0.1');
console.log(`nest consumer listening on ${process.env.PORT}`);
