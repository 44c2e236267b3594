import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError, configureClient, fieldErrors, parseRetryAfter, request } from './client';

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
      fallbackMessage: (failure) => (typeof failure === 'string' ? failure : `status ${failure.status}`),
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

  it("throws the server's error and shows its message", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, { error: { code: 'invalid_argument', message: 'bad name', field: 'name' } }),
    );
    const error = await request('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_argument', message: 'bad name', field: 'name' });
    expect(fieldErrors(error)).toEqual({ name: 'bad name' });
    expect(notify).toHaveBeenCalledWith('bad name');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('hands a 401 over to the sign-in page unless told not to', async () => {
    const body = { error: { code: 'unauthenticated', message: 'signed out' } };
    fetchMock.mockImplementation(async () => jsonResponse(401, body));
    await expect(request('/me')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);

    await expect(request('/auth/login', { redirectOn401: false, notify: false })).rejects.toMatchObject({
      message: 'signed out',
    });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After on 429', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(429, { error: { code: 'resource_exhausted', message: 'too many' } }, { 'Retry-After': '30' }),
    );
    await expect(request('/auth/login', { notify: false })).rejects.toMatchObject({ status: 429, retryAfter: 30 });
  });

  it('falls back to a generic message when the body is not the error shape', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(request('/x')).rejects.toMatchObject({ status: 502, code: 'http_502', message: 'status 502' });
  });

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('/x')).rejects.toMatchObject({ status: 0, code: 'network', message: 'network' });
    expect(notify).toHaveBeenCalledWith('network');
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
