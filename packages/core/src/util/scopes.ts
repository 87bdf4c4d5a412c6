/** Splits a `scope` value from a token response (space-separated per RFC 6749; commas tolerated). */
export function splitScopes(value: string): string[] {
  return value.split(/[\s,]+/).filter((scope) => scope !== '');
}

/** Requested scopes plus the provider's always-required ones, without duplicates, in order. */
export function mergeScopes(requested: readonly string[], required: readonly string[] = []): string[] {
  return [...new Set([...requested, ...required])];
}
