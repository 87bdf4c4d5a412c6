/** Escapes text for HTML element content and double-quoted attributes. */
export function h(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Marks a string as already-safe HTML for {@link html}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolations are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      if (part === undefined || part === null || part === false) continue;
      out += part instanceof SafeHtml ? part.value : h(part);
    }
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; max-width: 980px; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  header { display: flex; justify-content: space-between; align-items: center; }
  section.system { border: 1px solid #d5d9e0; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
  .connection { background: #f4f6fa; border-radius: 6px; padding: .6rem .8rem; margin: .5rem 0; }
  .status-active { color: #17703a; } .status-reauthorization_required { color: #b3261e; } .status-revoked { color: #777; }
  form.inline { display: inline; } form.stack { margin: .5rem 0; } input[type=text] { width: 22rem; }
  pre { background: #111827; color: #e5e7eb; padding: .6rem; border-radius: 6px; overflow: auto; max-height: 16rem; }
  .error { background: #fde8e8; border: 1px solid #f5b5b5; padding: .6rem; border-radius: 6px; }
  .creds code { user-select: all; }
</style>
</head>
<body>
${body}
</body>
</html>`.value;
}
