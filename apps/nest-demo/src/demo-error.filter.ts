import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AuthKitService, isAuthKitError } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DashboardService } from './dashboard.service.js';
import { DemoSession } from '@authkit/demo-kit';
import { pages } from './views.js';

/**
 * Shows errors of the demo's own routes on the dashboard instead of as JSON. Status and words
 * come from core's one mapping (the module's `toHttpError`), so they match the API's.
 */
@Catch()
export class DemoErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(DashboardService) private readonly dashboard: DashboardService,
    @Inject(DemoSession) private readonly session: DemoSession,
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = isAuthKitError(exception) ? this.authkit.handler.toHttpError(exception) : undefined;
    const status = mapped?.status ?? (exception instanceof HttpException ? exception.getStatus() : 500);
    const code = mapped?.body.code ?? `http_${status}`;
    const message = mapped?.body.message ?? (exception instanceof HttpException ? exception.message : 'Internal error');
    if (status === 500 && !isAuthKitError(exception)) console.error(exception);
    const user = this.session.user(req);
    res.status(status).type('html').send(user ? await this.dashboard.render(user, { error: { code, message } }) : pages.loginPage(message));
  }
}
