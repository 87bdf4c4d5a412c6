import { expect } from 'vitest';

/**
 * Asserts that none of `secrets` appears in any of `outputs`, also in the encodings a careless
 * print could produce (JSON-escaped, base64, base64url), and names only the secret's position
 * when it fails, so the assertion message does not leak it either.
 */
export function expectNoSecretIn(outputs: readonly string[], secrets: readonly string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  const text = outputs.join('\n');
  const leaked = secrets.flatMap((secret, index) => {
    const forms = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
    return forms.some((form) => text.includes(form)) ? [`secret #${index} (${secret.length} chars)`] : [];
  });
  expect(leaked).toEqual([]);
}
