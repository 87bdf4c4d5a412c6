import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AuthKitService } from '@authkit/nestjs';
import type { Response } from 'express';
import { errorPage } from '@authkit/demo-kit';
import { TITLE } from './views.js';

/** Errors of the demo's pages: an HTML page, in core's words for AuthKit errors (the module's one mapping). */
@Catch()
export class DemoErrorFilter implements ExceptionFilter {
  constructor(@Inject(AuthKitService) private readonly authkit: AuthKitService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = this.authkit.handler.toHttpError(exception);
    const status = mapped?.status ?? (exception instanceof HttpException ? exception.getStatus() : 500);
    if (mapped === undefined && status >= 500) console.error('nest-demo:', exception);
    const message = mapped?.body.message ?? (status === 404 ? 'There is nothing at this address.' : 'Something went wrong on our side. Try again.');
    res.status(status).set('Cache-Control', 'no-store').type('html').send(errorPage(TITLE, status, message));
  }
}
