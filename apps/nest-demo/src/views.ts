import { demoPages } from '@authkit/demo-kit';

/** Route prefix of the OAuth connect flows: /authkit/:provider/connect, /authkit/:provider/callback. */
export const BASE_PATH = 'authkit';

/**
 * The demo's pages: OAuth flows under /authkit (OAuthController), credential forms and
 * disconnect under /connections (ConnectionsController), "Call API" a POST.
 */
export const pages = demoPages({
  title: 'AuthKit NestJS demo',
  oauthBase: `/${BASE_PATH}`,
  formBase: '/connections',
  callMethod: 'post',
  returnTo: false,
  flagReauthorization: true,
});
