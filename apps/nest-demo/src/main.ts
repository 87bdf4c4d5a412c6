import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import type { AddressInfo } from 'node:net';
import { AppModule, BASE_PATH } from './app.module.js';
import { DEMO, type DemoConfig } from './config.js';
import { OAUTH_CLIENTS } from './providers.js';
import { SANDBOX_LINK } from './sandbox.module.js';
import type { SandboxLink } from './sandbox-link.js';

const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
const config = app.get(ConfigService).getOrThrow<DemoConfig>(DEMO);
await app.listen(config.port, config.host);

// With PORT=0 (tests) the URL, and so the callback URLs, follow the port actually bound.
const port = (app.getHttpServer().address() as AddressInfo).port;
const appUrl = config.appUrl ?? `http://localhost:${port}`;
const link = app.get<SandboxLink>(SANDBOX_LINK);
for (const { providerId, sandboxProvider } of OAUTH_CLIENTS) {
  await link.addRedirectUri(sandboxProvider, link.clients[sandboxProvider].clientId, `${appUrl}/${BASE_PATH}/${providerId}/callback`);
}
console.log(`nest-demo listening on ${appUrl} (sandbox ${link.url})`);
