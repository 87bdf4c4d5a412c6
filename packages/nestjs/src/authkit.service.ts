import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AuthKit, AuthKitClient, ConnectHandler, ConnectionView, MaintenanceHandle } from '@authkit/core';
import { sendWebResponse, toWebRequest } from '@authkit/core/node';
import type { Request, Response } from 'express';
import { AUTHKIT, AUTHKIT_HANDLER, AUTHKIT_MODULE_OPTIONS, REQUEST_CLIENTS, REQUEST_OWNER } from './authkit.constants';
import type { AuthKitModuleOptions } from './authkit.options';

type AuthKitRequest = Request & { [REQUEST_OWNER]?: string | null; [REQUEST_CLIENTS]?: Map<string, AuthKitClient> };

/**
 * AuthKit for Nest: the module's AuthKit and connect handler, the owner of a request (the
 * module's `getOwner`), and core's connection lookup for guards, pipes and handlers.
 */
@Injectable()
export class AuthKitService implements OnApplicationBootstrap, OnModuleDestroy {
  #maintenance: MaintenanceHandle | undefined;

  constructor(
    @Inject(AUTHKIT) readonly authkit: AuthKit,
    @Inject(AUTHKIT_HANDLER) readonly handler: ConnectHandler,
    @Inject(AUTHKIT_MODULE_OPTIONS) private readonly options: AuthKitModuleOptions,
  ) {}

  /** The owner of a request (memoised on it), or undefined when nobody is signed in. */
  async ownerOf(request: Request): Promise<string | undefined> {
    const req = request as AuthKitRequest;
    if (!(REQUEST_OWNER in req)) {
      const owner = await this.options.getOwner(request);
      req[REQUEST_OWNER] = typeof owner === 'string' && owner !== '' ? owner : null;
    }
    return req[REQUEST_OWNER] ?? undefined;
  }

  /** The Web `Request` core sees: on `appUrl`'s origin when configured, else the request's own. */
  webRequest(request: Request): globalThis.Request {
    return toWebRequest(request, { origin: this.handler.appOrigin });
  }

  /** Serves a request with core's connect handler (the controller's one job). */
  async handle(request: Request, response: Response): Promise<void> {
    let answer: globalThis.Response;
    try {
      answer = await this.handler(this.webRequest(request), { ownerId: await this.ownerOf(request) });
    } catch (error) {
      answer = this.handler.errorResponse(error);
    }
    await sendWebResponse(answer, response);
  }

  /** The request owner's usable connection to a provider (core's one lookup), or an AuthKit error. */
  async requireConnection(request: Request, providerId: string, label?: string): Promise<ConnectionView> {
    return this.authkit.requireConnection({ providerId, ownerId: await this.ownerOf(request), label });
  }

  /** A signed client for the request owner's connection, memoised on the request. */
  async client(request: Request, providerId: string, label?: string): Promise<AuthKitClient> {
    const req = request as AuthKitRequest;
    const key = `${providerId}\u0000${label ?? ''}`;
    const cached = req[REQUEST_CLIENTS]?.get(key);
    if (cached !== undefined) return cached;
    const connection = await this.requireConnection(request, providerId, label);
    const client = this.authkit.client(providerId, connection.id);
    (req[REQUEST_CLIENTS] ??= new Map()).set(key, client);
    return client;
  }

  /** Starts maintenance when the module's `startMaintenance` asks for it. */
  onApplicationBootstrap(): void {
    const wanted = this.options.startMaintenance;
    if (wanted === undefined) return;
    const logger = new Logger('AuthKit');
    this.#maintenance = this.authkit.startMaintenance({
      ...(wanted === true || wanted.intervalMs === undefined ? {} : { intervalMs: wanted.intervalMs }),
      // A sweep that fails as a whole (the store down); failures of single connections are on them.
      onError: (error) => logger.warn(`A maintenance sweep failed: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** Stops maintenance (waiting for a sweep in progress), then closes the store when the module built the AuthKit instance itself. */
  async onModuleDestroy(): Promise<void> {
    await this.#maintenance?.stop();
    this.#maintenance = undefined;
    if (!this.options.authkit) await this.authkit.store.close?.();
  }
}
