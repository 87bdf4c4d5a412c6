// `pnpm bench`: a Nest route behind ConnectionGuard + @ProviderClient (AuthKit's signed client)
// against the same route with a plain fetch and fixed headers (and a third with a no-op guard
// and param pipe, Nest's own share), both calling the sandbox's
// client-credentials API, measured with autocannon in the same run (interleaved, so drift hits
// both alike). Prints a ratio; it is never a pass/fail test. Uses the built package (dist).
import 'reflect-metadata';
import autocannon from 'autocannon';
import { Controller, Get, Module, Res, UseGuards, createParamDecorator } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import { AuthKitModule, ConnectionGuard, ProviderClient } from '@authkit/nestjs';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

const sandbox = await startSandbox({ port: 0 });
const authkit = createAuthKit({
  providers: [
    providers.oauth2({ ...sandbox.endpoints.clientCredentials, id: 'server-api', ...DEMO_CLIENTS.clientCredentials, grants: ['client_credentials'] }),
  ],
});
const OWNER = 'bench-user';
await authkit.connectClientCredentials({ providerId: 'server-api', ownerId: OWNER });
const token = (await authkit.readConnectionRecord(authkit.connectionIdFor('server-api', OWNER))).credential.accessToken.reveal();
const apiUrl = `${sandbox.endpoints.clientCredentials.baseUrl}/v1/users`;

// Plain JavaScript has no decorator syntax: apply Nest's decorators by hand.
class BenchController {
  async bare(res) {
    const response = await fetch(apiUrl, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    res.status(response.status).type('json').send(await response.text());
  }

  async noop(client, res) {
    const response = await fetch(apiUrl, { headers: { authorization: `Bearer ${client}`, accept: 'application/json' } });
    res.status(response.status).type('json').send(await response.text());
  }

  async guarded(client, res) {
    const response = await client.fetch('v1/users', { headers: { accept: 'application/json' } });
    res.status(response.status).type('json').send(await response.text());
  }
}
const proto = BenchController.prototype;
const method = (name, ...decorators) => {
  for (const decorate of decorators) decorate(proto, name, Object.getOwnPropertyDescriptor(proto, name));
};
Controller()(BenchController);
method('bare', Get('bare'));
Res()(proto, 'bare', 0);
class NoopGuard { async canActivate() { return true; } }
class NoopPipe { transform(value) { return Promise.resolve(value); } }
const TokenParam = createParamDecorator(() => token);
method('noop', Get('noop'), UseGuards(NoopGuard));
TokenParam(undefined, NoopPipe)(proto, 'noop', 0);
Res()(proto, 'noop', 1);
method('guarded', Get('guarded'), UseGuards(ConnectionGuard('server-api')));
ProviderClient('server-api')(proto, 'guarded', 0);
Res()(proto, 'guarded', 1);

class BenchModule {}
Module({ imports: [AuthKitModule.forRoot({ authkit, getOwner: () => OWNER, cookieSecret: 'bench-cookie-secret-0123456789abcdef' })], controllers: [BenchController] })(BenchModule);

const app = await NestFactory.create(BenchModule, { logger: false });
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;

for (const path of ['/bare', '/noop', '/guarded']) {
  const check = await fetch(base + path);
  if (check.status !== 200) throw new Error(`${path} answered ${check.status}: ${await check.text()}`);
}

async function measure(path) {
  const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

// Warm-up (JIT, keep-alive pools), then alternate which route goes first in each round.
await measure('/bare');
await measure('/guarded');
const totals = { bare: 0, noop: 0, guarded: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['bare', 'noop', 'guarded'] : ['guarded', 'noop', 'bare'];
  for (const name of order) totals[name] += await measure(`/${name}`);
}
const bare = totals.bare / ROUNDS;
const guarded = totals.guarded / ROUNDS;
const noop = totals.noop / ROUNDS;
console.log(`bare route: ${bare.toFixed(0)} req/s; ConnectionGuard + @ProviderClient signed client: ${guarded.toFixed(0)} req/s`);
console.log(`nestjs ConnectionGuard route / bare route: ${(guarded / bare).toFixed(2)} (target >= 0.95)`);
// The same route shape with a no-op guard and a no-op param pipe: what Nest itself charges for
// a guard and a pipe, so the line below isolates AuthKit's own share.
console.log(`  Nest's own guard + param pipe (no-op) / bare route: ${(noop / bare).toFixed(2)}; ConnectionGuard route / that no-op route: ${(guarded / noop).toFixed(2)}`);

await app.close();
await sandbox.close();
