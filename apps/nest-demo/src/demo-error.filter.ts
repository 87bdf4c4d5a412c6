import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isAuthKitError, toHttpException } from '@authkit/nestjs';
import type { Request, Response } from 'express';
import { DashboardService } from './dashboard.service.js';
import { DemoSession } from '@authkit/demo-kit';
import { pages } from './views.js';

/**
 * Shows errors of the demo's own routes on the dashboard instead of as JSON. The status
 * comes from @authkit/nestjs's one mapping (`toHttpException`), so it matches the API's.
 */
@Catch()
export class DemoErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(DashboardService) private readonly dashboard: DashboardService,
    @Inject(DemoSession) private readonly session: DemoSession,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const http = isAuthKitError(exception) ? toHttpException(exception) : exception instanceof HttpException ? exception : undefined;
    const status = http?.getStatus() ?? 500;
    const body = http?.getResponse();
    const code = isAuthKitError(exception) ? exception.code : `http_${status}`;
    const message =
      typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message
        : status === 500
          ? 'Internal error'
          : String(body ?? '');
    if (status === 500 && !isAuthKitError(exception)) console.error(exception);
    const user = this.session.user(req);
    res.status(status).type('html').send(user ? await this.dashboard.render(user, { error: { code, message } }) : pages.loginPage(message));
  }
}
