import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { AuthKitService } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DemoSession, USER_NAME_RULE, buildDashboard, dashboardPage, loginPage, validUserName } from '@authkit/demo-kit';
import { DemoErrorFilter } from './demo-error.filter.js';
import { DemoState } from './demo-state.js';
import { BASE_PATH, TITLE } from './views.js';

/** Sign in, sign out, and the dashboard (which also shows "Call API" results: `?call=<connection>`). */
@Controller()
@UseFilters(DemoErrorFilter)
export class DemoController {
  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(DemoState) private readonly state: DemoState,
    @Inject(DemoSession) private readonly session: DemoSession,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = this.session.user(req);
    res.set('Cache-Control', 'no-store').type('html');
    if (!user) {
      res.send(loginPage(TITLE));
      return;
    }
    const view = await buildDashboard({
      title: TITLE,
      authkit: this.authkit.authkit,
      user,
      basePath: `/${BASE_PATH}`,
      sandboxUrl: this.state.sandbox.url,
      bank: this.state.bank,
      events: this.state.events,
      query: new URLSearchParams(req.originalUrl.split('?')[1] ?? ''),
    });
    res.send(dashboardPage(view));
  }

  @Post('login')
  login(@Body() body: Record<string, unknown> | undefined, @Res() res: Response): void {
    const user = validUserName(body?.user);
    if (!user) {
      res.status(400).type('html').send(loginPage(TITLE, USER_NAME_RULE));
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
}
