import { All, Controller, Inject, Req, Res, type Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthKitService } from './authkit.service';

/**
 * The controller serving core's connect surface under `basePath` (a class per path: Nest
 * reads the path from the class decorator). Every route, its checks and its answers are
 * core's; see `createConnectHandler` in @authkit/core.
 */
export function createAuthKitController(basePath: string): Type<unknown> {
  @Controller(basePath)
  class AuthKitController {
    constructor(@Inject(AuthKitService) private readonly service: AuthKitService) {}

    @All(['', '*path'])
    serve(@Req() request: Request, @Res() response: Response): Promise<void> {
      return this.service.handle(request, response);
    }
  }
  return AuthKitController;
}
