import { FAVICON_TYPE } from '../favicon';
import { SafeHtml, html } from '../html';
import { DEMO_CSS } from '../styles';

/** A whole page: the one stylesheet, the icon (no favicon 404), and the body. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="/favicon.svg" type="${FAVICON_TYPE}">
<style>${new SafeHtml(DEMO_CSS)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`.value;
}
