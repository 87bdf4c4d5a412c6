import type { ConnectionRecord } from '../connection';
import { renewalTime } from '../lifecycle/renewal-time';
import { canRenew, isUsable } from '../lifecycle/usable';
import type { ProviderDefinition } from '../providers/types';
import type { LifecycleSettings } from './settings';

interface Times {
  keepAlive?: number;
  warm?: number;
  verify?: number;
  retry?: number;
}

function times(settings: LifecycleSettings, provider: ProviderDefinition | undefined, record: ConnectionRecord): Times {
  if (!isUsable(record) || provider === undefined) return {};
  const credential = record.credential;
  const result: Times = {};
  if (credential.kind === 'oauth2') {
    if (credential.refreshToken !== undefined && credential.refreshTokenExpiresAt !== undefined) {
      const opens = credential.refreshTokenExpiresAt - settings.refreshTokenLeadMs;
      // Once written inside the window, a refresh that did not extend the expiry (a provider
      // that keeps the refresh token) is not tried again: `refresh_token.expiring` says it.
      if (record.updatedAt < opens) result.keepAlive = opens;
    }
    if (canRenew(record) && credential.expiresAt !== undefined && settings.warm(record.providerId)) {
      result.warm = renewalTime(credential.expiresAt, credential.issuedAt, settings.warmLeadMs);
    }
  } else if (provider.verify !== undefined) {
    result.verify = (record.verifiedAt ?? record.createdAt) + settings.verifyEveryMs;
  }
  if (record.health?.retryAfter !== undefined) result.retry = record.health.retryAfter;
  return result;
}

/**
 * When maintenance should next look at a connection: the earliest of its refresh-token
 * keep-alive, warm access token, periodic verify and cool-down retry. Undefined when there is
 * nothing to do (an unusable connection waits for its user).
 */
export function dueAtOf(settings: LifecycleSettings, provider: ProviderDefinition | undefined, record: ConnectionRecord): number | undefined {
  const all = Object.values(times(settings, provider, record)).filter((time): time is number => time !== undefined);
  return all.length === 0 ? undefined : Math.min(...all);
}

