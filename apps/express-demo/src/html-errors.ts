import type { ConnectHandler } from '@authkit/core';
import { errorPage } from '@authkit/demo-kit';
import type { ErrorRequestHandler } from 'express';
import { TITLE } from './constants';

/** Errors of the demo's pages: an HTML page, in core's words for AuthKit errors. */
export function htmlErrors(handler: ConnectHandler): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const mapped = handler.toHttpError(err);
    if (mapped === undefined) console.error('express-demo:', err);
    const status = mapped?.status ?? 500;
    res.status(status).set('Cache-Control', 'no-store').type('html').send(errorPage(TITLE, status, mapped?.body.message ?? 'Something went wrong on our side. Try again.'));
  };
}
