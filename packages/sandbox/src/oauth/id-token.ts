import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface IdTokenClaims {
  issuer: string;
  audience: string;
  subject: string;
  /** Epoch seconds on the sandbox clock. */
  issuedAt: number;
  lifetimeSeconds: number;
  extra?: Record<string, unknown>;
}

/** Signs OpenID Connect ID tokens (RS256) with a key generated once per sandbox. */
export class IdTokenSigner {
  readonly #kid = randomUUID();
  // Started at construction so the first code exchange does not pay for key generation.
  readonly #keys = generateKeyPair('RS256', { extractable: true });

  async sign(claims: IdTokenClaims): Promise<string> {
    const { privateKey } = await this.#keys;
    return new SignJWT(claims.extra ?? {})
      .setProtectedHeader({ alg: 'RS256', kid: this.#kid, typ: 'JWT' })
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .setSubject(claims.subject)
      .setIssuedAt(claims.issuedAt)
      .setExpirationTime(claims.issuedAt + claims.lifetimeSeconds)
      .sign(privateKey);
  }

  /** The public key set, as served at the provider's `jwks_uri`. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK((await this.#keys).publicKey);
    return { keys: [{ ...jwk, kid: this.#kid, use: 'sig', alg: 'RS256' }] };
  }
}
