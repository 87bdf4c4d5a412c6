/**
 * A URL fit for a log or a page: the password and any secret-named query parameter (`password`,
 * `sslkey`, `token`…, as connection strings carry them) masked. A value that does not parse
 * keeps only its scheme, since where its secret sits cannot be known.
 */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return `${value.split(':')[0]}://…`;
  }
}
