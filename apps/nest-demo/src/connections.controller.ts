import { BadRequestException, Body, Controller, Inject, Param, Post, Req, Res, UnauthorizedException, UseFilters } from '@nestjs/common';
import { AuthKitService, type StaticCredentialInput } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DemoErrorFilter } from './demo-error.filter.js';
import { DemoSession } from '@authkit/demo-kit';

type Form = Record<string, unknown>;

function required(body: Form | undefined, key: string): string {
  const value = body?.[key];
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequestException(`Please fill in ${key}`);
  return value.trim();
}

function optional(body: Form | undefined, key: string): string | undefined {
  const value = body?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function credentialFrom(body: Form | undefined): StaticCredentialInput {
  switch (body?.kind) {
    case 'api_token':
      return { kind: 'api_token', tokenId: required(body, 'tokenId'), tokenValue: required(body, 'tokenValue') };
    case 'personal_access_token':
      return { kind: 'personal_access_token', token: required(body, 'token') };
    case 'api_key':
      return { kind: 'api_key', key: required(body, 'key') };
    default:
      throw new BadRequestException('Unknown credential kind');
  }
}

/**
 * The demo's connect forms for pasted credentials and client credentials, and disconnect
 * (OAuth flows are in OAuthController). Errors come back on the dashboard.
 */
@Controller('connections/:provider')
@UseFilters(DemoErrorFilter)
export class ConnectionsController {
  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(DemoSession) private readonly session: DemoSession,
  ) {}

  private user(req: Request): string {
    const user = this.session.user(req);
    if (!user) throw new UnauthorizedException('Sign in first');
    return user;
  }

  @Post('credentials')
  async credentials(@Param('provider') provider: string, @Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.authkit.connectStatic(provider, this.user(req), credentialFrom(body), optional(body, 'label'));
    res.redirect(303, '/');
  }

  @Post('refresh-token')
  async refreshToken(@Param('provider') provider: string, @Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.authkit.connectRefreshToken(provider, this.user(req), required(body, 'refreshToken'), optional(body, 'label'));
    res.redirect(303, '/');
  }

  @Post('client-credentials')
  async clientCredentials(@Param('provider') provider: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.authkit.connectClientCredentials(provider, this.user(req));
    res.redirect(303, '/');
  }

  @Post('disconnect')
  async disconnect(@Param('provider') provider: string, @Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.authkit.disconnect(provider, this.user(req), optional(body, 'label'));
    res.redirect(303, '/');
  }
}
