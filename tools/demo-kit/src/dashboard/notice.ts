import { describeOutcome, type ProviderDefinition } from '@authkit/core';
import type { Notice } from './model';

/** Words of the demo's own actions' successes (failures come back as `authkit_error`, in core's words). */
const DEMO_DONE: Record<string, (provider: string) => string> = {
  refreshed: (provider) => `${provider}: access token refreshed.`,
  verified: (provider) => `${provider} accepted the connection's credential.`,
  minted: () => 'A new demo credential was minted: it is shown beside its form.',
};

/**
 * What the URL reports: a connect flow's outcome from the adapter's surface (core's
 * `describeOutcome`, the one wording in every framework), or a demo action's.
 */
export function noticeFrom(params: URLSearchParams, providers: ReadonlyMap<string, Pick<ProviderDefinition, 'name'>>): Notice | undefined {
  const outcome = describeOutcome(params, providers);
  if (outcome !== undefined) return { tone: outcome.kind === 'success' ? 'success' : 'error', text: outcome.message };
  const done = DEMO_DONE[params.get('demo') ?? ''];
  if (done === undefined) return undefined;
  const providerId = params.get('authkit_provider');
  return { tone: 'success', text: done((providerId === null ? undefined : providers.get(providerId)?.name) ?? 'The provider') };
}
