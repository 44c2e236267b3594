import { afterEach, describe, expect, it, vi } from 'vitest';

import { fetchWhatIf, searchPeople, settlementXlsxUrl } from './api';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('searchPeople', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the elder list first', async () => {
    const fetchMock = vi.fn(async (_url: string) =>
      json(200, { total: 1, elders: [{ resident_id: 7, name: '王奶奶', age: 81, building: '3号楼', room: '201' }] }),
    );
    vi.stubGlobal('fetch', fetchMock);
    expect(await searchPeople(2, '王')).toEqual([{ id: 7, name: '王奶奶', detail: '81 · 3号楼 · 201' }]);
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/v1/elders?community=2&q=%E7%8E%8B&page_size=20');
  });

  it('falls back to the registry when the elder list is refused', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(403, { error: { code: 'permission_denied', message: 'no' } }))
      .mockResolvedValueOnce(json(200, { residents: [{ id: 9, name: '李明', birth_date: '1990-01-01' }] }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await searchPeople(undefined, '李')).toEqual([{ id: 9, name: '李明', detail: '1990-01-01' }]);
    expect(String(fetchMock.mock.calls[1]?.[0])).toBe('/api/v1/residents?q=%E6%9D%8E&page=1');
  });

  it('goes to the registry alone when asked to', async () => {
    const fetchMock = vi.fn(async (_url: string) => json(200, { residents: [] }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await searchPeople(3, 'x', 'residents')).toEqual([]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]?.[0])).toMatch(/^\/api\/v1\/residents\?/);
  });
});

describe('settlement and what-if', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds the XLSX address', () => {
    expect(settlementXlsxUrl(4, '2026-12')).toBe('/api/v1/canteen/canteens/4/settlement?month=2026-12&format=xlsx');
  });

  it('posts the what-if in fen and as a scale', async () => {
    const fetchMock = vi.fn(async () => json(200, { current: {}, what_if: {} }));
    vi.stubGlobal('fetch', fetchMock);
    await fetchWhatIf(4, { month: '2026-12', price_change_fen: 100, subsidy_scale: 0.5 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/canteen/canteens/4/sustainability/what-if');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ month: '2026-12', price_change_fen: 100, subsidy_scale: 0.5 });
  });
});
