/** A JSON answer that is never cached (it describes one user's connections). */
export function jsonResponse(status: number, body: unknown, headers?: Headers): Response {
  const all = new Headers(headers);
  all.set('content-type', 'application/json; charset=utf-8');
  all.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** A redirect; `location` is used exactly as given (already vetted by the caller). */
export function redirectResponse(status: 302 | 303, location: string, headers?: Headers): Response {
  const all = new Headers(headers);
  all.set('location', location);
  all.set('cache-control', 'no-store');
  return new Response(null, { status, headers: all });
}
