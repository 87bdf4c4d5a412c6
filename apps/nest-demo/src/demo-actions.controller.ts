import { Body, Controller, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { AuthKitService } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DemoSession, runDemoAction } from '@authkit/demo-kit';
import { DemoErrorFilter } from './demo-error.filter.js';
import { DemoState } from './demo-state.js';

/**
 * The demo's buttons beside the surface: POST /demo/refresh, /demo/verify, /demo/mint. Like
 * the surface's own forms they must come from this app's pages (Origin), and answer 303.
 */
@Controller('demo')
@UseFilters(DemoErrorFilter)
export class DemoActionsController {
  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(DemoState) private readonly state: DemoState,
    @Inject(DemoSession) private readonly session: DemoSession,
  ) {}

  @Post(':action')
  async run(@Param('action') action: string, @Req() req: Request, @Body() body: Record<string, unknown> | undefined, @Res() res: Response): Promise<void> {
    const location = await runDemoAction({
      authkit: this.authkit.authkit,
      bank: this.state.bank,
      user: this.session.user(req),
      action,
      origin: req.get('origin'),
      // The module's appUrl when configured, else this request's own origin (as the surface's forms).
      appOrigin: this.authkit.handler.appOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`,
      field: (name) => (typeof body?.[name] === 'string' ? body[name] : undefined),
      onError: (error) => console.error('nest-demo: demo action failed', error),
    });
    res.redirect(303, location);
  }
}
