import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { testTranslator } from '@/i18n/testing';

import {
  ApiError,
  configureClient,
  errorMessage,
  fieldErrors,
  parseRetryAfter,
  reportError,
  request,
} from './client';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

describe('request', () => {
  const notify = vi.fn();
  const onUnauthenticated = vi.fn();
  const fetchMock = vi.fn();

  beforeEach(() => {
    configureClient({
      notify,
      onUnauthenticated,
      language: () => 'en',
      translator: testTranslator('en'),
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetAllMocks();
  });

  it('sends JSON with the session cookie and the language, and parses the answer', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }));
    await expect(request('/things', { method: 'POST', body: { a: 1 }, query: { q: 'x y' } })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/things?q=x+y');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers['Accept-Language']).toBe('en');
    expect(init.headers['Content-Type']).toBe('application/json');
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(request('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it("throws the server's error and shows it in the UI's language", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        400,
        { error: { code: 'invalid_argument', message: 'a display name is required', field: 'display_name' } },
        { 'X-Request-Id': 'r-1' },
      ),
    );
    const error = await request('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      message: 'a display name is required',
      field: 'display_name',
      requestId: 'r-1',
    });
    expect(errorMessage(error)).toBe('Please check "Name"');
    expect(fieldErrors(error)).toEqual({ display_name: 'Please check "Name"' });
    expect(notify).toHaveBeenCalledWith('Please check "Name"');
    expect(onUnauthenticated).not.toHaveBeenCalled();

    configureClient({ translator: testTranslator('zh-CN') });
    expect(errorMessage(error)).toBe('请检查「姓名」');
  });

  it("shows the server's own message for a code the UI does not know", async () => {
    fetchMock.mockResolvedValue(jsonResponse(422, { error: { code: 'novel', message: 'something new' } }));
    const error = await request('/x').catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('something new');
    expect(notify).toHaveBeenCalledWith('something new');
  });

  it('hands a 401 over to the sign-in page unless told not to', async () => {
    const body = { error: { code: 'unauthenticated', message: 'signed out' } };
    fetchMock.mockImplementation(async () => jsonResponse(401, body));
    await expect(request('/me')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);

    expect(notify).toHaveBeenCalledWith('Your session has ended. Please sign in again.');

    const error = await request('/auth/login', { redirectOn401: false, notify: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'signed out' });
    expect(errorMessage(error, 'login')).toBe('Wrong login or password');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After on 429', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(429, { error: { code: 'resource_exhausted', message: 'too many' } }, { 'Retry-After': '30' }),
    );
    const error = await request('/auth/login', { notify: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfter: 30 });
    expect(errorMessage(error, 'login')).toBe('Too many failed sign-ins. Try again in 1 min.');
  });

  it('falls back to a generic message when the body is not the error shape', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await request('/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: 'HTTP 502' });
    expect(notify).toHaveBeenCalledWith('The service is temporarily unavailable. Please try again later.');
  });

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('/x')).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(notify).toHaveBeenCalledWith('Cannot reach the server. Check the network and try again.');
  });

  it('reports any other failure as unknown', () => {
    reportError(new Error('boom'));
    expect(notify).toHaveBeenCalledWith('Something went wrong. Please try again later.');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-30T04:00:00Z');
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Mon, 30 Nov 2026 04:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Mon, 30 Nov 2026 03:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
