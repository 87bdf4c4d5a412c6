import { demoPages } from '@authkit/demo-kit';

/** Route prefix of AuthKitModule's controller (core's connect surface): /authkit/:provider/… */
export const BASE_PATH = 'authkit';

/** The demo's pages: every connect form posts to the surface and returns to `/`; "Call API" is a GET. */
export const pages = demoPages({
  title: 'AuthKit NestJS demo',
  oauthBase: `/${BASE_PATH}`,
  formBase: `/${BASE_PATH}`,
  callMethod: 'get',
  returnTo: true,
  flagReauthorization: true,
});
