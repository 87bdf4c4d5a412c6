import { Body, Controller, Get, Inject, Post, Query, Req, Res, UnauthorizedException, UseFilters } from '@nestjs/common';
import { AuthKitService, describeOutcome } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DashboardService } from './dashboard.service.js';
import { DemoErrorFilter } from './demo-error.filter.js';
import { DemoSession, apiCallFor, validUserName } from '@authkit/demo-kit';
import { pages } from './views.js';

type Form = Record<string, unknown>;
const field = (body: Form | undefined, key: string): string | undefined =>
  typeof body?.[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined;

/** Sign in, the dashboard, and the "Call API" button. */
@Controller()
@UseFilters(DemoErrorFilter)
export class DemoController {
  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(DashboardService) private readonly dashboard: DashboardService,
    @Inject(DemoSession) private readonly session: DemoSession,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = this.session.user(req);
    if (!user) {
      res.type('html').send(pages.loginPage());
      return;
    }
    // What a connect flow reported back on the URL, in core's one wording.
    const outcome = describeOutcome(new URL(req.originalUrl, 'http://demo.invalid').searchParams, this.authkit.authkit.providers);
    const error = outcome?.kind === 'error' ? { code: outcome.code ?? 'internal_error', message: outcome.message } : undefined;
    res.type('html').send(await this.dashboard.render(user, error ? { error } : {}));
  }

  @Post('login')
  login(@Body() body: Form, @Res() res: Response): void {
    const user = validUserName(body?.user);
    if (!user) {
      res.status(400).type('html').send(pages.loginPage('Use 1–64 letters, digits or . _ @ -'));
      return;
    }
    this.session.signIn(res, user);
    res.redirect(303, '/');
  }

  @Post('logout')
  logout(@Res() res: Response): void {
    this.session.signOut(res);
    res.redirect(303, '/');
  }

  /** Calls the provider's API with the connection's signed client and shows the answer. */
  @Get('call')
  async call(@Req() req: Request, @Query() query: Form, @Res() res: Response): Promise<void> {
    const user = this.session.user(req);
    if (!user) throw new UnauthorizedException('Sign in first');
    const providerId = field(query, 'provider') ?? '';
    const label = field(query, 'label');
    const connection = await this.authkit.requireConnection(req, providerId, label);
    const { method, path } = apiCallFor(connection);
    const response = await (await this.authkit.client(req, providerId, label)).fetch(path, { method });
    const text = await response.text();
    const result = { connectionId: connection.id, request: `${method} ${path}`, status: response.status, body: text.slice(0, 4000) };
    res.type('html').send(await this.dashboard.render(user, { result }));
  }
}
