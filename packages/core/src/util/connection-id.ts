/**
 * Deterministic connection id: one connection per provider, owner and optional label.
 * Each part is percent-encoded so `:` inside an owner id cannot forge another connection's id
 * (`a:b` + `c` and `a` + `b:c` stay distinct).
 */
export function connectionIdFor(providerId: string, ownerId: string, label?: string): string {
  const parts = [providerId, ownerId];
  if (label !== undefined && label !== '') parts.push(label);
  return parts.map(encodeURIComponent).join(':');
}
