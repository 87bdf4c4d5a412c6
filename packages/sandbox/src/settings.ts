import type { ProviderSettings, SandboxSettings } from './types';

const DAY = 86_400;

function provider(overrides: Partial<ProviderSettings>): ProviderSettings {
  return {
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: null,
    rotation: 'always',
    reuseRevokesGrant: true,
    revokeAccessTokenOnRefresh: false,
    authorizationCodeTtlSeconds: 60,
    ...overrides,
  };
}

/** The documented defaults of each provider (see README "Settings"). */
export function defaultSettings(autoApprove: boolean): SandboxSettings {
  return {
    autoApprove,
    iguide: {
      ...provider({ accessTokenTtlSeconds: DAY, refreshTokenTtlSeconds: null }),
      apiTokenGracePeriodSeconds: 7 * DAY,
      apiTokenTtlSeconds: 730 * DAY,
    },
    // Laravel Passport: rotation on every refresh, old access token revoked, 6-month refresh tokens.
    plannr: {
      ...provider({ refreshTokenTtlSeconds: 180 * DAY, revokeAccessTokenOnRefresh: true }),
      personalAccessTokenTtlSeconds: 365 * DAY,
    },
    // The portal refresh token from the API Access page is long-lived and reused: no rotation.
    planday: provider({ rotation: 'never', refreshTokenTtlSeconds: null }),
    oauth2: provider({ refreshTokenTtlSeconds: 30 * DAY }),
    clientCredentials: provider({ rotation: 'omit' }),
    rateLimits: {
      iguidePerSecond: 50,
      plannrPerMinute: 500,
      plandayPortalPerSecond: 10,
      plandayPortalPerMinute: 500,
      plandayClientPerSecond: 100,
      plandayClientPerMinute: 2000,
    },
  };
}

/** Deep-merges a JSON patch of settings, keeping only known keys of the right type. */
export function applySettingsPatch(target: SandboxSettings, patch: unknown): string[] {
  // Validate on a copy first so a patch with one bad key changes nothing.
  const errors: string[] = [];
  merge(structuredClone(target) as unknown as Record<string, unknown>, patch, '', errors);
  if (errors.length === 0) merge(target as unknown as Record<string, unknown>, patch, '', errors);
  return errors;
}

function merge(target: Record<string, unknown>, patch: unknown, path: string, errors: string[]): void {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    errors.push(`${path || 'settings'} must be an object`);
    return;
  }
  for (const [key, value] of Object.entries(patch)) {
    const here = path ? `${path}.${key}` : key;
    const current = target[key];
    // A provider's `autoApprove` is optional (absent: the global switch applies).
    const optionalFlag = key === 'autoApprove' && path !== '';
    // Own keys only: `__proto__` in a JSON patch must never reach Object.prototype.
    if (!Object.hasOwn(target, key) && !optionalFlag) {
      errors.push(`unknown setting ${here}`);
    } else if (optionalFlag) {
      if (typeof value === 'boolean') target[key] = value;
      else if (value === null) delete target[key];
      else errors.push(`${here} must be a boolean (or null to follow the global switch)`);
    } else if (typeof current === 'object' && current !== null) {
      merge(current as Record<string, unknown>, value, here, errors);
    } else if (key === 'rotation') {
      if (value === 'always' || value === 'never' || value === 'omit') target[key] = value;
      else errors.push(`${here} must be always, never or omit`);
    } else if (key === 'refreshTokenTtlSeconds' && value === null) {
      target[key] = null;
    } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && (typeof current === 'number' || current === null)) {
      target[key] = value;
    } else if (typeof value === 'boolean' && typeof current === 'boolean') {
      target[key] = value;
    } else {
      errors.push(`${here} has the wrong type`);
    }
  }
}
