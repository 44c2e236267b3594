// The one HTTP client of the UI: JSON over fetch to /api/v1, with the session in the
// `shequ_session` cookie the server sets (HttpOnly, so the UI never holds the token).
//
// Every non-2xx answer carries {"error":{"code","message","field"}}. request() throws an ApiError
// built from it, shows it to the user (unless the caller shows it itself) and, on 401, hands over
// to the sign-in page. What the user reads comes from errorMessage(), which puts the error into
// the UI's language (errors.ts); `ApiError.message` keeps the server's own English text. Forms
// map `field` onto their items with fieldErrors().
//
// The client knows nothing of Element Plus, the router or the app's i18n set-up: main.ts plugs
// in how to notify the user, what to do on 401 and the translator, which keeps this file
// testable in Node.
import { describeFailure, type ErrorContext, type Translator } from './errors';

/** Where a user's authority ends (auth/principal.h: Scope). */
export type ScopeKind = 'street' | 'community' | 'grid';

export interface Scope {
  kind: ScopeKind;
  street_id?: number | string | null;
  community_id?: number | string | null;
  grid_id?: number | string | null;
  name: string;
}

/** The 11 roles of auth/principal.h, by their API names. */
export const ROLES = [
  'admin',
  'street_admin',
  'community_worker',
  'grid_worker',
  'resident',
  'volunteer',
  'caregiver',
  'canteen_operator',
  'childcare_operator',
  'courier',
  'planner',
] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in user as GET /api/v1/me returns it. */
export interface User {
  id: number | string;
  login: string;
  display_name: string;
  role: Role;
  scope: Scope;
}

/** The JSON error body of every non-2xx answer. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * A failed request: the server's error, or a network failure (status 0). `message` is the
 * server's own text, for logs; show errorMessage(error) to the user.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds to wait before retrying, from a Retry-After header (429, 503). */
    readonly retryAfter?: number,
    /** The answer's X-Request-Id, which the server's log lines carry too. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Show the error message to the user (default). Off when the caller displays it itself. */
  notify?: boolean;
  /** On 401, hand over to the sign-in page (default). Off for the sign-in calls themselves. */
  redirectOn401?: boolean;
}

export interface ClientHooks {
  /** Shows an error message to the user. */
  notify: (message: string) => void;
  /** Called on a 401 of a signed-in call: the session is gone. */
  onUnauthenticated: () => void;
  /** The user's language, sent as Accept-Language so the server can answer in it. */
  language: () => string;
  /** The UI's texts (vue-i18n), for the messages of failures. */
  translator: Translator;
}

const hooks: ClientHooks = {
  notify: () => {},
  onUnauthenticated: () => {},
  language: () => 'zh-CN',
  // Until main.ts plugs in vue-i18n: the keys themselves.
  translator: { t: (key) => key, te: () => false },
};

/** Plugs the UI into the client; called once from main.ts (and from tests). */
export function configureClient(overrides: Partial<ClientHooks>): void {
  Object.assign(hooks, overrides);
}

export const API_BASE = '/api/v1';

/**
 * Sends one request to `API_BASE + path` and returns the parsed JSON body (undefined for 204).
 * Throws ApiError on a non-2xx answer or when the server cannot be reached.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, notify = true, redirectOn401 = true } = options;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.language(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(API_BASE + path + queryString(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new ApiError(0, 'network', `cannot reach the server: ${reason}`);
    if (notify) hooks.notify(errorMessage(error));
    throw error;
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await errorFrom(response);
  if (notify) hooks.notify(errorMessage(error));
  if (error.status === 401 && redirectOn401) hooks.onUnauthenticated();
  throw error;
}

/** Builds an ApiError from a non-2xx response, tolerating bodies that are not the JSON shape. */
async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  let parsed: Partial<ErrorBody> | undefined;
  try {
    parsed = (await response.json()) as Partial<ErrorBody>;
  } catch {
    parsed = undefined;
  }
  const body = parsed?.error;
  const message =
    typeof body?.message === 'string' && body.message !== ''
      ? body.message
      : `HTTP ${response.status}`;
  const code = typeof body?.code === 'string' ? body.code : `http_${response.status}`;
  const field = typeof body?.field === 'string' && body.field !== '' ? body.field : undefined;
  return new ApiError(response.status, code, message, field, retryAfter, requestId);
}

/**
 * Seconds from a Retry-After header: either delay-seconds or an HTTP date (RFC 9110 10.2.3).
 * Undefined when absent or unreadable. `now` is for tests.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * What to tell the user about a caught failure, in the UI's current language (reactive inside a
 * computed). `context` says where it is shown when that changes the meaning (see errors.ts).
 */
export function errorMessage(error: unknown, context?: ErrorContext): string {
  if (error instanceof ApiError) return describeFailure(error, hooks.translator, context);
  return hooks.translator.t('errors.unknown');
}

/** Shows a caught failure to the user. */
export function reportError(error: unknown): void {
  hooks.notify(errorMessage(error));
}

/** The form-field errors of a failure, keyed by field name, for el-form-item's `error` prop. */
export function fieldErrors(error: unknown, context?: ErrorContext): Record<string, string> {
  if (error instanceof ApiError && error.field) {
    return { [error.field]: errorMessage(error, context) };
  }
  return {};
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
