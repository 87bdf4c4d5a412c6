/**
 * Preloaded into each consumer app (`node --import …/host-map.mjs`): sends the real providers'
 * hosts to the sandbox, as a DNS entry would, so the README code runs unchanged — with its
 * production defaults (`providers.planday({ clientId })`) — against @authkit/sandbox.
 * Only `fetch` is redirected; nothing in the app knows.
 */
const sandbox = process.env.AUTHKIT_CONSUMER_SANDBOX_URL;
if (!sandbox) throw new Error('host-map.mjs needs AUTHKIT_CONSUMER_SANDBOX_URL');

/** Each provider origin and where the sandbox serves it. */
export const HOSTS = {
  'https://api.plannrcrm.com': `${sandbox}/plannr`,
  'https://openapi.planday.com': `${sandbox}/planday/api`,
  'https://id.planday.com': `${sandbox}/planday/id`,
};

const mapUrl = (url) => {
  for (const [origin, target] of Object.entries(HOSTS)) {
    if (url === origin || url.startsWith(`${origin}/`) || url.startsWith(`${origin}?`)) return target + url.slice(origin.length);
  }
  return undefined;
};

const { Request } = globalThis;
const realFetch = globalThis.fetch;
globalThis.fetch = function mappedFetch(input, init) {
  const url = input instanceof Request ? input.url : String(input);
  const mapped = mapUrl(url);
  if (mapped === undefined) return realFetch(input, init);
  return realFetch(input instanceof Request ? new Request(mapped, input) : mapped, init);
};
