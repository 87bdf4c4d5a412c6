/** Where AuthKit's Express router serves core's connect surface (its default). */
export const BASE_PATH = '/connections';

export const TITLE = 'AuthKit Express demo';
