import type { ProviderDefinition } from './types';

/**
 * Expands granted scopes with everything they imply per the provider's catalogue
 * (`iguide.rw` ⇒ `iguide.ro`), transitively.
 */
export function effectiveScopes(provider: Pick<ProviderDefinition, 'scopes'>, granted: readonly string[]): Set<string> {
  const result = new Set<string>();
  const pending = [...granted];
  while (pending.length > 0) {
    const scope = pending.pop() as string;
    if (result.has(scope)) continue;
    result.add(scope);
    for (const implied of provider.scopes?.[scope]?.implies ?? []) pending.push(implied);
  }
  return result;
}

/** True if the granted scopes cover `required` directly or by implication. */
export function hasScope(provider: Pick<ProviderDefinition, 'scopes'>, granted: readonly string[], required: string): boolean {
  return effectiveScopes(provider, granted).has(required);
}
