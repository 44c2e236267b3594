// What the user reads when a request fails: the one place that turns the server's error
// {code, message, field} (plus the HTTP status, Retry-After and request id) into text in the UI's
// language. The server writes its messages in English for operators and logs; the UI shows its
// own text for every code it knows and falls back to the server's message for the rest.
//
// Pure: the translator is passed in (vue-i18n's global composer in the app, a fresh one in
// tests), so this file needs neither the DOM nor the app's i18n set-up.

/** The parts of vue-i18n this file uses. */
export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string;
  /** True when `key` has a text in the current (or fallback) language. */
  te: (key: string) => boolean;
}

/** A failed request as the client sees it (ApiError has these fields). */
export interface Failure {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** The server's `code`; `network` or `http_<status>` when the answer carried none. */
  code: string;
  /** The server's own (English) message. */
  message: string;
  field?: string;
  /** Seconds, from Retry-After. */
  retryAfter?: number;
  /** The X-Request-Id of the answer, quoted to an operator for a 500. */
  requestId?: string;
}

/**
 * Where the failure is shown, when that changes what it means: on the sign-in form a 401 is a
 * wrong account or password, elsewhere it means the session is gone.
 */
export type ErrorContext = 'login';

/**
 * Codes with a text of their own under `errors.<code>`: the ErrorCodeName()s of base/error.h and
 * the HTTP-level codes of api/error_response.h. `invalid_argument`, `internal` and
 * `resource_exhausted` are handled apart (they carry a field, a request id, a wait).
 */
const PLAIN_CODES = new Set([
  'unauthenticated',
  'permission_denied',
  'not_found',
  'conflict',
  'unavailable',
  'invalid_json',
  'bad_request',
  'payload_too_large',
  'header_too_large',
  'route_not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'request_timeout',
]);

/** For answers without an error body (from a proxy in front of the server): status → code. */
const STATUS_CODES: Partial<Record<number, string>> = {
  401: 'unauthenticated',
  403: 'permission_denied',
  408: 'request_timeout',
  413: 'payload_too_large',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

/** The request id in the server's 500 message: "internal error, request id 3f2a…". */
const REQUEST_ID_IN_MESSAGE = /request id\s+([\w.:-]+)/i;

/** The user-facing text of a failure, in the translator's current language. */
export function describeFailure(failure: Failure, i18n: Translator, context?: ErrorContext): string {
  const { code, status } = failure;

  if (context === 'login' && (status === 401 || code === 'unauthenticated')) {
    return i18n.t('login.wrongCredentials');
  }
  if (code === 'network' || status === 0) return i18n.t('errors.network');

  if (code === 'invalid_argument') {
    const label = fieldLabel(failure.field, i18n);
    if (label) return i18n.t('errors.invalid_argument', { field: label });
    return serverMessage(failure, i18n);
  }
  if (code === 'resource_exhausted' || status === 429) {
    if (failure.retryAfter === undefined) return i18n.t('errors.resource_exhausted_later');
    const minutes = retryMinutes(failure.retryAfter);
    if (context === 'login') return i18n.t('login.tooManyAttempts', { minutes });
    return i18n.t('errors.resource_exhausted', { minutes });
  }
  if (code === 'internal' || status === 500) {
    const id = REQUEST_ID_IN_MESSAGE.exec(failure.message)?.[1] ?? failure.requestId;
    return id ? i18n.t('errors.internal', { id }) : i18n.t('errors.internal_no_id');
  }
  if (PLAIN_CODES.has(code)) return i18n.t(`errors.${code}`);
  if (code.startsWith('http_')) {
    // No error body (a proxy's page, say): go by the status alone.
    const byStatus = STATUS_CODES[status];
    return byStatus ? i18n.t(`errors.${byStatus}`) : i18n.t('errors.http', { status });
  }
  return serverMessage(failure, i18n);
}

/** Whole minutes to wait, at least 1 ("try again in 0 minutes" helps nobody). */
export function retryMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** The label of a request field (`fields.<name>`), or undefined when the UI has none. */
export function fieldLabel(field: string | undefined, i18n: Translator): string | undefined {
  if (!field || !/^\w+$/.test(field)) return undefined;
  const key = `fields.${field}`;
  return i18n.te(key) ? i18n.t(key) : undefined;
}

/** The server's own message, or a generic text naming the status when it sent none. */
function serverMessage(failure: Failure, i18n: Translator): string {
  if (failure.message.trim() !== '') return failure.message;
  return i18n.t('errors.http', { status: failure.status });
}
