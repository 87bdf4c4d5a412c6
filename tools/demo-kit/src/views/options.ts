import type { ConnectionView } from '@authkit/core';
import type { DemoCredentials } from '../credentials';

/** Where a demo's routes are and how its forms talk to them: what differs between demos. */
export interface PageOptions {
  /** e.g. `AuthKit Express demo`. */
  title: string;
  /** OAuth connect routes: `${oauthBase}/:provider/connect`. */
  oauthBase: string;
  /** Credential forms and disconnect: `${formBase}/:provider/credentials` etc. */
  formBase: string;
  /** How the "Call API" form reaches `/call`. */
  callMethod: 'get' | 'post';
  /** Adds `returnTo=/` to the forms (AuthKit's Express router redirects there). */
  returnTo: boolean;
  /** Also says "reauthorization required" in words beside the status. */
  flagReauthorization: boolean;
}

export interface ApiResult {
  connectionId: string;
  request: string;
  status: number;
  body: string;
}

export interface DashboardModel {
  user: string;
  connections: readonly ConnectionView[];
  credentials: DemoCredentials;
  result?: ApiResult;
  error?: { code: string; message: string };
  sandboxUrl: string;
}
