import { demoPages } from '@authkit/demo-kit';

/** Route prefix of AuthKit's Express router: connect, callback, credential forms, disconnect. */
export const BASE_PATH = '/connections';

/** The demo's pages: everything under one prefix, "Call API" a GET, forms return to `/`. */
export const pages = demoPages({
  title: 'AuthKit Express demo',
  oauthBase: BASE_PATH,
  formBase: BASE_PATH,
  callMethod: 'get',
  returnTo: true,
  flagReauthorization: false,
});
