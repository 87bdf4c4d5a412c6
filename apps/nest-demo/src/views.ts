/** Route prefix of AuthKitModule's controller (core's connect surface): /authkit/:provider/… */
export const BASE_PATH = 'authkit';

export const TITLE = 'AuthKit NestJS demo';
