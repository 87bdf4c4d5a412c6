import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import type { AddressInfo } from 'node:net';
import { registerCallbacks } from '@authkit/demo-kit';
import type { SandboxConnection } from '@authkit/sandbox';
import { AppModule } from './app.module.js';
import { DEMO, type DemoConfig } from './config.js';
import { SANDBOX } from './sandbox.module.js';
import { BASE_PATH } from './views.js';

const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
const config = app.get(ConfigService).getOrThrow<DemoConfig>(DEMO);
await app.listen(config.port, config.host);

// With PORT=0 (tests) the URL, and so the callback URLs, follow the port actually bound.
const port = (app.getHttpServer().address() as AddressInfo).port;
const appUrl = config.appUrl ?? `http://localhost:${port}`;
const sandbox = app.get<SandboxConnection>(SANDBOX);
await registerCallbacks(sandbox, (providerId) => `${appUrl}/${BASE_PATH}/${providerId}/callback`);
console.log(`nest-demo listening on ${appUrl} (sandbox ${sandbox.url})`);
