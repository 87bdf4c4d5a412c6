/** The demos' icon (a key), served as /favicon.svg and /favicon.ico so no page logs a 404. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#2b59c3"/><circle cx="24" cy="32" r="11" fill="none" stroke="#fff" stroke-width="6"/><path d="M35 32h20M47 32v9M54 32v7" stroke="#fff" stroke-width="6" stroke-linecap="round"/></svg>`;

export const FAVICON_TYPE = 'image/svg+xml';
