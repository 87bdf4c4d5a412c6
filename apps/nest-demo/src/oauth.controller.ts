import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CONNECTION_PROPERTY, ProviderParamFlowGuard, type ConnectionView } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DemoErrorFilter } from './demo-error.filter.js';

type FlowRequest = Request & { [CONNECTION_PROPERTY]?: ConnectionView };

/**
 * The OAuth connect flows, on the demo's own routes so that a denied consent or a replayed
 * callback shows on the dashboard (the ready controller of @authkit/nestjs would answer JSON).
 * The passport strategies `authkit-<provider>` do the work inside the guard.
 */
@Controller('authkit')
@UseFilters(DemoErrorFilter)
export class OAuthController {
  /** Redirects to the provider's consent page (the guard answers; this never runs). */
  @Get(':provider/connect')
  @UseGuards(ProviderParamFlowGuard)
  connect(): void {}

  /** The guard has checked state and PKCE, exchanged the code and saved the connection. */
  @Get(':provider/callback')
  @UseGuards(ProviderParamFlowGuard)
  callback(@Req() req: FlowRequest, @Res() res: Response): void {
    res.redirect(303, req[CONNECTION_PROPERTY] ? '/' : '/?connected=0');
  }
}
