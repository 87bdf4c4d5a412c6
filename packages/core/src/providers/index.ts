import { apiKey } from './api-key';
import { bearerToken } from './bearer-token';
import { iguide } from './iguide';
import { oauth2 } from './oauth2';
import { planday } from './planday';
import { plannr } from './plannr';

/**
 * Provider factories. Built-ins: `iguide`, `plannr`, `planday`. Generic: `oauth2` (any OAuth2
 * API, optionally with PATs or API keys), `apiKey`, `bearerToken`. Every endpoint and base URL
 * is an option, so tests and demos can point them at `@authkit/sandbox`.
 */
export const providers = { iguide, plannr, planday, oauth2, apiKey, bearerToken } as const;

export type { ApiKeyPlacement, ApiKeyProviderOptions } from './api-key';
export type { BearerTokenProviderOptions } from './bearer-token';
export type { IguideOptions } from './iguide';
export type { OAuth2ProviderOptions } from './oauth2';
export type { PlandayOptions } from './planday';
export type { PlannrOptions } from './plannr';
export { IGUIDE_SCOPES } from './iguide';
export { effectiveScopes, hasScope } from './scopes';
export { joinUrl, parseRetryAfterHeader } from './shared';
