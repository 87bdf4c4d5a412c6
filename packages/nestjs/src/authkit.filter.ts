import { Catch, Inject, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { isAuthKitError } from '@authkit/core';
import { AuthKitService } from './authkit.service';

/**
 * Answers AuthKit errors with core's `toHttpError` (status, `Retry-After`, JSON `{ code,
 * message, providerId, reauthorizeUrl? }`), like every adapter; other exceptions go to Nest's
 * default handling. `@UseFilters(AuthKitExceptionFilter)` on a controller, or globally with
 * `{ provide: APP_FILTER, useExisting: AuthKitExceptionFilter }`.
 */
@Catch()
export class AuthKitExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('AuthKit');

  constructor(
    @Inject(HttpAdapterHost) private readonly adapters: HttpAdapterHost,
    @Inject(AuthKitService) private readonly service: AuthKitService,
  ) {
    super(adapters.httpAdapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.getType() === 'http' ? this.service.handler.toHttpError(exception) : undefined;
    if (http === undefined || !isAuthKitError(exception)) {
      super.catch(exception, host);
      return;
    }
    if (http.status >= 500) this.logger.error(`${exception.name} (${exception.code}): ${exception.message}`);
    const adapter = this.adapters.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    for (const [name, value] of Object.entries(http.headers)) if (name !== 'content-type') adapter.setHeader(response, name, value);
    adapter.reply(response, http.body, http.status);
  }
}
