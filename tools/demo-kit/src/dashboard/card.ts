import type { ConnectionView } from '@authkit/core';
import type { ApiResult } from '../api-call';
import type { EventEntry } from '../events';
import { methodLabel, needsReconnect, relativeTime, shortDate, statusWords } from '../words';
import type { CardView, FieldView, FormView, TimelineItem } from './model';

/** What a card needs besides the connection. */
export interface CardContext {
  /** The adapter's surface, e.g. `/connections`. */
  basePath: string;
  now: number;
  /** Whether the provider can be asked (the "Verify" button). */
  canVerify: boolean;
  events: readonly EventEntry[];
  result?: ApiResult;
}

/** Every demo form goes back to the dashboard. */
export const RETURN_TO: FieldView = { name: 'returnTo', label: 'return to', type: 'hidden', value: '/', required: true };

export function hidden(name: string, value: string): FieldView {
  return { name, label: name, type: 'hidden', value, required: true };
}

/** Where the demo's element ids come from: connection ids are URL-safe, but kept to [a-z0-9-]. */
export function anchorOf(connectionId: string): string {
  return `conn-${connectionId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
}

export function cardTestId(connection: Pick<ConnectionView, 'providerId' | 'label'>): string {
  return `connection-${connection.providerId}${connection.label ? `-${connection.label}` : ''}`;
}

function expiry(testId: TimelineItem['testId'], label: string, at: number | undefined, now: number): TimelineItem {
  if (at === undefined) return { testId, label, text: 'no expiry', tone: 'later' };
  return {
    testId,
    label,
    at: new Date(at).toISOString(),
    text: `${relativeTime(at, now)} · ${shortDate(at)}`,
    tone: at <= now ? 'expired' : at - now < 15 * 60_000 ? 'soon' : 'later',
  };
}

/** Created, access-token expiry, refresh-token expiry (what a static credential has of them). */
function timeline(connection: ConnectionView, now: number): TimelineItem[] {
  const items: TimelineItem[] = [{ testId: 'connected-at', label: 'Connected', at: new Date(connection.createdAt).toISOString(), text: shortDate(connection.createdAt), tone: 'done' }];
  if (connection.credentialKind === 'oauth2') {
    items.push(expiry('access-expiry', 'Access token expires', connection.expiresAt, now));
    if (connection.grant !== 'client_credentials') items.push(expiry('refresh-expiry', 'Refresh token expires', connection.refreshTokenExpiresAt, now));
  } else {
    items.push(expiry('access-expiry', `${methodLabel(connection)} expires`, connection.expiresAt, now));
  }
  return items;
}

/** The credential fields a static connection is reconnected with (the same as connecting it). */
export function credentialFields(kind: ConnectionView['credentialKind']): FieldView[] {
  switch (kind) {
    case 'api_token':
      return [
        { name: 'tokenId', label: 'Token id', type: 'text', required: true },
        { name: 'tokenValue', label: 'Token value', type: 'text', required: true },
        { name: 'expiresAt', label: 'Expires at', type: 'text', required: false, hint: 'as iGUIDE showed it when the token was created' },
        { name: 'scopes', label: 'Scopes', type: 'text', required: false, hint: 'separated by spaces' },
      ];
    case 'api_key':
      return [{ name: 'key', label: 'API key', type: 'text', required: true }];
    case 'personal_access_token':
      return [{ name: 'token', label: 'Token', type: 'text', required: true }];
    case 'oauth2':
      return [{ name: 'refreshToken', label: 'Refresh token', type: 'text', required: true }];
  }
}

function reconnect(connection: ConnectionView, context: CardContext): CardView['reconnect'] {
  const base = `${context.basePath}/${encodeURIComponent(connection.providerId)}/reconnect`;
  const form = (fields: FieldView[], button: string): FormView => ({
    action: base,
    testId: 'reconnect-form',
    fields: [hidden('connection', connection.id), RETURN_TO, ...fields],
    button,
  });
  switch (connection.grant) {
    case 'authorization_code':
      return { kind: 'link', href: `${base}?connection=${encodeURIComponent(connection.id)}&returnTo=/`, text: 'Reconnect (authorize again)' };
    case 'client_credentials':
      return { kind: 'form', form: form([], 'Reconnect'), note: 'Runs the client credentials grant again for this connection.' };
    case 'refresh_token_bootstrap':
      return { kind: 'form', form: form(credentialFields('oauth2'), 'Reconnect'), note: `Paste a new refresh token for ${connection.label ?? 'this portal'}: this connection is repaired in place.` };
    case 'static':
      return { kind: 'form', form: form(credentialFields(connection.credentialKind), 'Reconnect'), note: 'Enter a new credential: this connection is repaired in place.' };
  }
}

/** One connection: status, timeline, recent events, and what can be done with it. */
export function connectionCard(connection: ConnectionView, context: CardContext): CardView {
  const anchor = anchorOf(connection.id);
  const actionForm = (action: 'refresh' | 'verify', button: string): FormView => ({
    action: `/demo/${action}`,
    testId: `${action}-form`,
    fields: [hidden('connection', connection.id)],
    button,
  });
  return {
    id: connection.id,
    anchor,
    resultAnchor: `${anchor}-result`,
    testId: cardTestId(connection),
    providerId: connection.providerId,
    ...(connection.label === undefined ? {} : { label: connection.label }),
    method: methodLabel(connection),
    status: statusWords(connection.status),
    scopes: [...connection.scopes],
    timeline: timeline(connection, context.now),
    metadata: Object.entries(connection.metadata),
    events: context.events.map((entry) => ({ at: new Date(entry.at).toISOString(), time: new Date(entry.at).toISOString().slice(11, 19), text: entry.text })),
    callHref: `/?call=${encodeURIComponent(connection.id)}#${anchor}-result`,
    ...(context.result === undefined ? {} : { result: context.result }),
    ...(connection.credentialKind === 'oauth2' ? { refresh: actionForm('refresh', 'Refresh now') } : {}),
    ...(context.canVerify ? { verify: actionForm('verify', 'Verify') } : {}),
    ...(needsReconnect(connection.status) ? { reconnect: reconnect(connection, context) } : {}),
    disconnect: {
      action: `${context.basePath}/${encodeURIComponent(connection.providerId)}/disconnect`,
      testId: 'disconnect-form',
      fields: [hidden('connection', connection.id), RETURN_TO],
      button: 'Disconnect',
    },
  };
}
