/**
 * When an access token should be renewed: `margin` before it expires, the margin capped at half
 * the token's lifetime (from `issuedAt`, when known). With a 60 s request skew or a 120 s warm
 * lead, a 3 s token would otherwise be renewed on every call or every sweep, rotating its
 * refresh token each time.
 */
export function renewalTime(expiresAt: number, issuedAt: number | undefined, margin: number): number {
  const lifetime = issuedAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - issuedAt;
  return expiresAt - Math.min(margin, Math.max(0, lifetime / 2));
}
