import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ProviderClientPipe, type ProviderClientRequest } from './provider-client.pipe';

const ProviderClientParam = createParamDecorator(
  (selector: { providerId: string; label?: string }, context: ExecutionContext): ProviderClientRequest => ({
    ...selector,
    request: context.switchToHttp().getRequest<Request>(),
  }),
);

/**
 * Injects the signed `AuthKitClient` for the current user's connection to a provider
 * (401 with a `reauthorizeUrl` when there is none). Its `fetch` signs each request.
 *
 * @example `list(@ProviderClient('planday') planday: AuthKitClient) { return planday.fetch('/hr/v1/Departments'); }`
 */
export function ProviderClient(providerId: string, options: { label?: string } = {}): ParameterDecorator {
  return ProviderClientParam({ providerId, ...options }, ProviderClientPipe);
}
