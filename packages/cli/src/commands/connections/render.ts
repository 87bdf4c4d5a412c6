import type { ConnectionView } from '@authkit/core';
import { formatInstant, formatRelative } from '../../output/time';
import { renderFields, renderTable, type Column } from '../../output/table';

/** The `connections list` table: one line per connection, times relative to now. */
export function renderConnectionTable(views: readonly ConnectionView[], now: number): string {
  const columns: Column<ConnectionView>[] = [
    { header: 'ID', value: (view) => view.id },
    { header: 'PROVIDER', value: (view) => view.providerId },
    { header: 'OWNER', value: (view) => view.ownerId },
    { header: 'LABEL', value: (view) => view.label ?? '-' },
    { header: 'STATUS', value: (view) => view.status },
    { header: 'CREDENTIAL', value: (view) => view.credentialKind },
    { header: 'EXPIRES', value: (view) => formatRelative(view.expiresAt, now) },
    { header: 'UPDATED', value: (view) => formatRelative(view.updatedAt, now) },
  ];
  return renderTable(columns, views);
}

/** Every field of a view, one per line (`connections show`, and after refresh). */
export function renderConnectionDetails(view: ConnectionView, now: number): string {
  const metadata = Object.entries(view.metadata);
  return renderFields([
    ['id', view.id],
    ['provider', view.providerId],
    ['owner', view.ownerId],
    ['label', view.label],
    ['status', view.status],
    ['grant', view.grant],
    ['credential', view.credentialKind],
    ['scopes', view.scopes.length > 0 ? view.scopes.join(' ') : '-'],
    ['expires', formatInstant(view.expiresAt, now) ?? 'never (or unknown)'],
    ['refresh token expires', formatInstant(view.refreshTokenExpiresAt, now)],
    ['metadata', metadata.length > 0 ? metadata.map(([key, value]) => `${key}=${value}`).join(' ') : '-'],
    ['version', String(view.version)],
    ['created', formatInstant(view.createdAt, now)],
    ['updated', formatInstant(view.updatedAt, now)],
    ['maintenance due', formatInstant(view.dueAt, now)],
    [
      'health',
      view.health === undefined
        ? undefined
        : `${view.health.failureCount} failure(s) since ${formatInstant(view.health.firstFailureAt, now)}, last ${view.health.lastErrorCode}`,
    ],
  ]);
}
