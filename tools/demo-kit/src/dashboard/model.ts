import type { ApiResult } from '../api-call';
import type { StatusWords } from '../words';

/**
 * The dashboard as data: every text, target and test id the page shows, built once in
 * demo-kit and rendered by each demo (HTML for Express and Nest, JSX for Next), so the
 * three show the same words and behave the same.
 */
export interface DashboardView {
  title: string;
  user: string;
  sandboxUrl: string;
  /** The outcome of the last connect flow or demo action (core's words). */
  notice?: Notice;
  systems: SystemView[];
}

export interface Notice {
  tone: 'success' | 'error';
  text: string;
}

export interface SystemView {
  id: string;
  name: string;
  blurb: string;
  connections: CardView[];
  methods: MethodView[];
}

/** A form field. Hidden fields carry `returnTo`, `kind`, `label`, `connection`. */
export interface FieldView {
  name: string;
  label: string;
  type: 'text' | 'hidden';
  value?: string;
  required: boolean;
  /** A hint under a text field. */
  hint?: string;
}

/** A POST form: to the adapter's connect surface, or to the demo's own actions. */
export interface FormView {
  action: string;
  testId: string;
  fields: FieldView[];
  button: string;
}

export interface TimelineItem {
  testId: 'connected-at' | 'access-expiry' | 'refresh-expiry';
  label: string;
  /** ISO time, for `<time datetime>`; absent for "no expiry". */
  at?: string;
  /** "in 59 min · 2026-11-29 07:40 UTC", or "no expiry". */
  text: string;
  /** `done`: a fact (connected at); an expiry is `expired`, `soon` (under 15 min) or `later`. */
  tone: 'done' | 'expired' | 'soon' | 'later';
}

export interface CardView {
  id: string;
  /** Element id of the card and of its API result (a "Call API" link jumps to the result). */
  anchor: string;
  resultAnchor: string;
  testId: string;
  providerId: string;
  label?: string;
  /** "OAuth", "client credentials", "pasted portal refresh token", "API token", … */
  method: string;
  status: StatusWords;
  scopes: string[];
  timeline: TimelineItem[];
  metadata: [string, string][];
  events: { at: string; time: string; text: string }[];
  /** "Call API": a GET, so a reload repeats nothing but a read. */
  callHref: string;
  result?: ApiResult;
  refresh?: FormView;
  verify?: FormView;
  /** In place: a link (browser flow again) or a form (a new credential, or client credentials again). */
  reconnect?: { kind: 'link'; href: string; text: string } | { kind: 'form'; form: FormView; note: string };
  disconnect: FormView;
}

/** A demo credential to paste, or why it is hidden. */
export type DemoCredentialView =
  | { kind: 'shown'; items: { label: string; testId: string; value: string }[] }
  | { kind: 'in_use'; text: string; mint: FormView };

export type MethodView =
  | { kind: 'link'; testId: string; title: string; href: string }
  | { kind: 'form'; title: string; form: FormView; demo?: DemoCredentialView };
