import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseFilters,
  UseGuards,
  type Type,
} from '@nestjs/common';
import { AuthKitError, type ConnectionView, type PendingAuthorization, type StaticCredentialInput } from '@authkit/core';
import type { Request, Response } from 'express';
import { CONNECTION_PROPERTY, REQUEST_PENDING } from './authkit.constants';
import { AuthKitExceptionFilter } from './authkit.filter';
import { AuthKitService } from './authkit.service';
import { ProviderParamFlowGuard } from './connect-flow.guard';
import { safeReturnTo } from './return-to';

type Body_ = Record<string, unknown>;
type FlowRequest = Request & { [CONNECTION_PROPERTY]?: ConnectionView; [REQUEST_PENDING]?: PendingAuthorization };

function text(body: Body_ | undefined, key: string, required: true): string;
function text(body: Body_ | undefined, key: string, required?: false): string | undefined;
function text(body: Body_ | undefined, key: string, required = false): string | undefined {
  const value = body?.[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (required) throw new BadRequestException(`Missing field: ${key}`);
  return undefined;
}

/** The static credential a form or JSON body describes; 400 on anything else. */
function staticCredential(body: Body_ | undefined): StaticCredentialInput {
  switch (body?.kind) {
    case 'api_token':
      return { kind: 'api_token', tokenId: text(body, 'tokenId', true), tokenValue: text(body, 'tokenValue', true) };
    case 'api_key':
      return { kind: 'api_key', key: text(body, 'key', true) };
    case 'personal_access_token':
      return { kind: 'personal_access_token', token: text(body, 'token', true) };
    default:
      throw new BadRequestException('kind must be api_token, api_key or personal_access_token');
  }
}

/**
 * Builds the ready controller, mounted at `basePath` (a class per path, because Nest reads
 * the path from the class decorator):
 *
 * - `GET  /<basePath>`                               the owner's connections
 * - `GET  /<basePath>/:provider/connect`             redirect to the provider (`?returnTo=/path&label=`)
 * - `GET  /<basePath>/:provider/callback`            complete the flow, then redirect to `returnTo` or answer JSON
 * - `POST /<basePath>/:provider/static`              `{kind, tokenId, tokenValue | key | token, label?}`
 * - `POST /<basePath>/:provider/refresh-token`       `{refreshToken, label?}` (Planday portal token)
 * - `POST /<basePath>/:provider/client-credentials`  `{scopes?, label?}` (space-separated scopes)
 * - `POST /<basePath>/:provider/disconnect`          `{label?}`
 *
 * POST routes answer JSON, or `303 See Other` to a same-origin `returnTo` from the body.
 */
export function createAuthKitController(basePath: string): Type<unknown> {
  @Controller(basePath)
  @UseFilters(AuthKitExceptionFilter)
  class AuthKitController {
    constructor(@Inject(AuthKitService) private readonly service: AuthKitService) {}

    private async owner(request: Request): Promise<string> {
      const owner = await this.service.ownerOf(request);
      if (!owner) throw new UnauthorizedException('Sign in first');
      return owner;
    }

    private provider(providerId: string): string {
      if (!this.service.authkit.providers.has(providerId)) throw new NotFoundException(`No provider named ${providerId.slice(0, 64)}`);
      return providerId;
    }

    private done(res: Response, body: Body_ | undefined, connection: ConnectionView | undefined, status = 200): void {
      const returnTo = safeReturnTo(body?.returnTo);
      if (returnTo) res.redirect(303, returnTo);
      else res.status(status).json(connection ? { connection } : { ok: true });
    }

    @Get()
    async status(@Req() request: Request): Promise<{ connections: ConnectionView[] }> {
      return { connections: await this.service.status(await this.owner(request)) };
    }

    @Get(':provider/connect')
    @UseGuards(ProviderParamFlowGuard)
    connect(): void {
      // The guard has already redirected the browser to the provider.
    }

    @Get(':provider/callback')
    @UseGuards(ProviderParamFlowGuard)
    callback(@Req() request: FlowRequest, @Res() res: Response): void {
      const connection = request[CONNECTION_PROPERTY];
      const returnTo = request[REQUEST_PENDING]?.returnTo;
      if (returnTo) res.redirect(303, returnTo);
      else res.status(200).json({ connection });
    }

    @Post(':provider/static')
    async connectStatic(@Param('provider') providerId: string, @Req() request: Request, @Body() body: Body_, @Res() res: Response): Promise<void> {
      const credential = staticCredential(body);
      const owner = await this.owner(request);
      const connection = await this.service.connectStatic(this.provider(providerId), owner, credential, text(body, 'label'));
      this.done(res, body, connection, 201);
    }

    @Post(':provider/refresh-token')
    async connectRefreshToken(@Param('provider') providerId: string, @Req() request: Request, @Body() body: Body_, @Res() res: Response): Promise<void> {
      const refreshToken = text(body, 'refreshToken', true);
      const owner = await this.owner(request);
      const connection = await this.service.connectRefreshToken(this.provider(providerId), owner, refreshToken, text(body, 'label'));
      this.done(res, body, connection, 201);
    }

    @Post(':provider/client-credentials')
    async connectClientCredentials(@Param('provider') providerId: string, @Req() request: Request, @Body() body: Body_, @Res() res: Response): Promise<void> {
      const scopes = text(body, 'scopes')?.split(/\s+/);
      const owner = await this.owner(request);
      const connection = await this.service.connectClientCredentials(this.provider(providerId), owner, scopes, text(body, 'label'));
      this.done(res, body, connection, 201);
    }

    @Post(':provider/disconnect')
    @HttpCode(200)
    async disconnect(@Param('provider') providerId: string, @Req() request: Request, @Body() body: Body_, @Res() res: Response): Promise<void> {
      const owner = await this.owner(request);
      const removed = await this.service.disconnect(this.provider(providerId), owner, text(body, 'label'));
      if (!removed) throw new AuthKitError('connection_not_found', `No connection to ${providerId}`, { providerId });
      this.done(res, body, undefined);
    }
  }
  return AuthKitController;
}
