import { describe, expect, it, vi } from 'vitest';

import type { AuditEntry, AuditQuery } from './api';
import { createAuditPager } from './auditPager';

function entry(id: number, action = 'session.login'): AuditEntry {
  return {
    id,
    at: '2026-11-30T12:00:00+08:00',
    login: 'admin',
    action,
    record_type: 'session',
    record_id: String(id),
    remote_address: '127.0.0.1',
    request_id: `r${id}`,
  };
}

/** A log of ids 1..n, newest first, answering like GET /audit. */
function fakeLog(n: number) {
  const all = Array.from({ length: n }, (_, i) => entry(n - i, i % 2 ? 'session.logout' : 'session.login'));
  return vi.fn(async (query: AuditQuery) => ({
    entries: all
      .filter((e) => query.before_id === undefined || e.id < query.before_id)
      .filter((e) => !query.action || e.action === query.action)
      .slice(0, query.limit ?? 100),
  }));
}

describe('createAuditPager', () => {
  it('loads the newest page, then older ones before the smallest id shown', async () => {
    const fetchPage = fakeLog(7);
    const pager = createAuditPager(fetchPage, 3);
    await pager.reload();
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 3, before_id: undefined, action: undefined });
    expect(pager.state.entries.map((e) => e.id)).toEqual([7, 6, 5]);
    expect(pager.state.hasMore).toBe(true);

    await pager.loadMore();
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 3, before_id: 5, action: undefined });
    await pager.loadMore();
    expect(pager.state.entries.map((e) => e.id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(pager.state.hasMore).toBe(false);
    expect(pager.state.loading).toBe(false);
  });

  it('filters by action and starts over when the filter changes', async () => {
    const fetchPage = fakeLog(7);
    const pager = createAuditPager(fetchPage, 3);
    await pager.reload();
    await pager.reload('  session.logout ');
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 3, before_id: undefined, action: 'session.logout' });
    expect(pager.state.action).toBe('session.logout');
    expect(pager.state.entries.map((e) => e.id)).toEqual([6, 4, 2]);
    await pager.loadMore();
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 3, before_id: 2, action: 'session.logout' });
    expect(pager.state.entries.map((e) => e.id)).toEqual([6, 4, 2]);
    expect(pager.state.hasMore).toBe(false);
  });

  it('drops the answer of a request overtaken by a newer one', async () => {
    let release: (value: { entries: AuditEntry[] }) => void = () => {};
    const fetchPage = vi
      .fn()
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
      .mockResolvedValueOnce({ entries: [entry(2, 'user.create')] });
    const pager = createAuditPager(fetchPage, 3);
    const first = pager.reload();
    await pager.reload('user.create');
    release({ entries: [entry(9)] });
    await first;
    expect(pager.state.entries.map((e) => e.id)).toEqual([2]);
    expect(pager.state.loading).toBe(false);
  });

  it('passes errors on and is no longer loading', async () => {
    const pager = createAuditPager(vi.fn().mockRejectedValue(new Error('403')));
    await expect(pager.reload()).rejects.toThrow('403');
    expect(pager.state.loading).toBe(false);
  });
});
