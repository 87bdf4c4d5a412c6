import { escapeHtml } from '../http';

export interface ConsentPageInput {
  providerName: string;
  appName: string;
  scopes: readonly string[];
  action: string;
  requestId: string;
  /** Extra form controls, already escaped (Planday's portal choice). */
  extraFields?: string;
}

/** A real HTML consent form: a browser test clicks Authorize or Deny, an API test POSTs the fields. */
export function consentPage(input: ConsentPageInput): string {
  const scopes = input.scopes.length > 0 ? input.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('') : '<li>(no scopes)</li>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(input.providerName)} — authorize ${escapeHtml(input.appName)}</title></head>
<body>
<main>
<h1>${escapeHtml(input.providerName)} (AuthKit sandbox)</h1>
<p><strong id="app-name">${escapeHtml(input.appName)}</strong> wants to access your ${escapeHtml(input.providerName)} data.</p>
<h2>Requested scopes</h2>
<ul id="scopes">${scopes}</ul>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
${input.extraFields ?? ''}
<button type="submit" name="decision" value="approve">Authorize</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</main>
</body>
</html>
`;
}

/** The error page shown when the sandbox must not redirect (unknown client or redirect URI). */
export function errorPage(providerName: string, error: string, description: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(providerName)} — ${escapeHtml(error)}</title></head>
<body><main><h1>${escapeHtml(error)}</h1><p id="error-description">${escapeHtml(description)}</p></main></body>
</html>
`;
}
