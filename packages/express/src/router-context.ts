import type { AuthKit } from '@authkit/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { StateCookieSigner } from './state-cookie';
import type { GetOwner } from './types';

/** What the router's route groups share, resolved once from the router options. */
export interface RouterContext {
  authkit: AuthKit;
  getOwner: GetOwner;
  appUrl: string | undefined;
  /** Origin of `appUrl`, for the cross-origin POST check. */
  appOrigin: string | undefined;
  defaultReturnTo: string;
  signer: StateCookieSigner;
  cookie: {
    prefix: string;
    maxAgeMs: number;
    secure(req: Request): boolean;
    /** Scoped to one provider's routes, so it only travels to its callback. */
    path(req: Request, providerId: string): string;
  };
}

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Express 5 forwards rejected promises itself; the wrapper only fixes the handler's type. */
export function route(handler: AsyncHandler): RequestHandler {
  return (req, res, next: NextFunction) => handler(req, res).catch(next);
}

/** Scopes from a query or form field, separated by spaces or commas. */
export function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const scopes = value.split(/[\s,]+/).filter((s) => s.length > 0);
  return scopes.length > 0 ? scopes : undefined;
}
