// Runs @authkit/sandbox on its own thread so a benchmark's client and server do not share one
// event loop. The parent drives it with { id, op, args } messages.
import { parentPort } from 'node:worker_threads';
import { startSandbox } from '@authkit/sandbox';

const sandbox = await startSandbox({ port: 0, autoApprove: true });
const ops = {
  info: () => ({ url: sandbox.url, endpoints: sandbox.endpoints, now: sandbox.now() }),
  advance: (ms) => sandbox.clock.advance(ms),
  inject: (key, spec) => sandbox.faults.inject(key, spec),
  count: (key, filter) => sandbox.stats.count(key, filter),
  resetStats: () => sandbox.stats.reset(),
  addRedirectUri: (provider, clientId, uri) => {
    sandbox.addRedirectUri(provider, clientId, uri);
  },
  setRateLimit: (name, value) => {
    sandbox.settings.rateLimits[name] = value;
  },
  close: () => sandbox.close(),
};
parentPort.on('message', async ({ id, op, args }) => {
  try {
    parentPort.postMessage({ id, result: await ops[op](...args) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
parentPort.postMessage({ ready: true });
