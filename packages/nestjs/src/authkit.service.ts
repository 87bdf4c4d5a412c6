import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type {
  AuthKit,
  AuthKitClient,
  ConnectionView,
  StartAuthorizationInput,
  StartedAuthorization,
  StaticCredentialInput,
} from '@authkit/core';
import type { Request } from 'express';
import { AUTHKIT, AUTHKIT_BASE_PATH, AUTHKIT_MODULE_OPTIONS, REQUEST_OWNER } from './authkit.constants';
import type { AuthKitModuleOptions } from './authkit.options';

type OwnedRequest = Request & { [REQUEST_OWNER]?: string };

/**
 * AuthKit for Nest handlers: connect, disconnect, status and signed clients, keyed by the
 * owner the module's `getOwner(request)` returns. `authkit` exposes the full core API.
 */
@Injectable()
export class AuthKitService implements OnModuleDestroy {
  constructor(
    @Inject(AUTHKIT) readonly authkit: AuthKit,
    @Inject(AUTHKIT_MODULE_OPTIONS) private readonly options: AuthKitModuleOptions,
    @Inject(AUTHKIT_BASE_PATH) readonly basePath: string,
  ) {}

  /** The owner of a request (memoised on the request), or undefined when nobody is signed in. */
  async ownerOf(request: Request): Promise<string | undefined> {
    const req = request as OwnedRequest;
    if (req[REQUEST_OWNER] !== undefined) return req[REQUEST_OWNER];
    const owner = await this.options.getOwner(request);
    if (typeof owner === 'string' && owner !== '') req[REQUEST_OWNER] = owner;
    return typeof owner === 'string' && owner !== '' ? owner : undefined;
  }

  /** Path that starts an authorization for the provider (also the `reauthorizeUrl`), if it has one. */
  connectPath(providerId: string): string | undefined {
    const provider = this.authkit.providers.get(providerId);
    if (!provider?.oauth2?.authorizationEndpoint) return undefined;
    return `/${this.basePath}/${encodeURIComponent(providerId)}/connect`;
  }

  /** The owner's connections (no secrets). */
  status(ownerId: string): Promise<ConnectionView[]> {
    return this.authkit.listConnections({ ownerId });
  }

  connection(providerId: string, ownerId: string, label?: string): Promise<ConnectionView | undefined> {
    return this.authkit.getConnection(this.authkit.connectionIdFor(providerId, ownerId, label));
  }

  /** A signed client for the owner's connection to the provider. */
  client(providerId: string, ownerId: string, label?: string): AuthKitClient {
    return this.authkit.client(providerId, this.authkit.connectionIdFor(providerId, ownerId, label));
  }

  /** Starts an authorization without passport (the strategies use the same pending state). */
  connect(input: StartAuthorizationInput): Promise<StartedAuthorization> {
    return this.authkit.startAuthorization(input);
  }

  connectStatic(providerId: string, ownerId: string, credential: StaticCredentialInput, label?: string): Promise<ConnectionView> {
    return this.authkit.connectStatic({ providerId, ownerId, credential, ...(label ? { label } : {}) });
  }

  connectRefreshToken(providerId: string, ownerId: string, refreshToken: string, label?: string): Promise<ConnectionView> {
    return this.authkit.connectRefreshToken({ providerId, ownerId, refreshToken, ...(label ? { label } : {}) });
  }

  connectClientCredentials(providerId: string, ownerId: string, scopes?: readonly string[], label?: string): Promise<ConnectionView> {
    return this.authkit.connectClientCredentials({ providerId, ownerId, ...(scopes ? { scopes } : {}), ...(label ? { label } : {}) });
  }

  /** Removes the owner's connection (revoking it at the provider where possible); false if none. */
  async disconnect(providerId: string, ownerId: string, label?: string): Promise<boolean> {
    const id = this.authkit.connectionIdFor(providerId, ownerId, label);
    if (!(await this.authkit.getConnection(id))) return false;
    await this.authkit.disconnect(id);
    return true;
  }

  /** Closes the store when the module built the AuthKit instance itself. */
  async onModuleDestroy(): Promise<void> {
    if (!this.options.authkit) await this.authkit.store.close?.();
  }
}
