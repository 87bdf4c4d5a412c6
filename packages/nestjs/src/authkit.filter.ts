import { Catch, Inject, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { isAuthKitError } from '@authkit/core';
import { AuthKitService } from './authkit.service';
import { retryAfterHeader, toHttpException } from './http-errors';

/**
 * Maps core errors to HTTP: 401 with a `reauthorizeUrl`, 403, 429 with `Retry-After`,
 * 502 for provider failures, 400 for bad callback input. Other exceptions are handled as
 * Nest's default filter would. Use with `@UseFilters(AuthKitExceptionFilter)` or as an
 * `APP_FILTER` (`{ provide: APP_FILTER, useExisting: AuthKitExceptionFilter }`).
 */
@Catch()
export class AuthKitExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('AuthKit');

  constructor(
    @Inject(HttpAdapterHost) private readonly adapters: HttpAdapterHost,
    @Inject(AuthKitService) private readonly service: AuthKitService,
  ) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (!isAuthKitError(exception) || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const adapter = this.adapters.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    const reauthorizeUrl = exception.providerId ? this.service.connectPath(exception.providerId) : undefined;
    const http = toHttpException(exception, reauthorizeUrl);
    if (http.getStatus() >= 500) this.logger.error(`${exception.name} (${exception.code}): ${exception.message}`);
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    const retryAfter = retryAfterHeader(exception);
    if (retryAfter !== undefined) adapter.setHeader(response, 'Retry-After', retryAfter);
    adapter.reply(response, http.getResponse(), http.getStatus());
  }
}
