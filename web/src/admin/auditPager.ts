// The audit log as the page pages through it: newest first, a filter by action, and "load more"
// asking for the entries older than the smallest id shown (before_id). Kept out of the page so
// it can be tested without a browser.
import { reactive } from 'vue';

import type { AuditEntry, AuditQuery } from './api';

/** Entries per request. */
export const AUDIT_PAGE_SIZE = 100;

export interface AuditPagerState {
  entries: AuditEntry[];
  /** The action filter in effect ('' for all). */
  action: string;
  /** The last page was full, so older entries may remain. */
  hasMore: boolean;
  loading: boolean;
}

export function createAuditPager(
  fetchPage: (query: AuditQuery) => Promise<{ entries: AuditEntry[] }>,
  pageSize: number = AUDIT_PAGE_SIZE,
) {
  const state = reactive<AuditPagerState>({ entries: [], action: '', hasMore: false, loading: false });
  /** Bumped by every reload, so the answer to an older request is dropped. */
  let generation = 0;

  async function fetchInto(before: number | undefined): Promise<void> {
    const mine = ++generation;
    state.loading = true;
    try {
      const { entries } = await fetchPage({
        limit: pageSize,
        before_id: before,
        action: state.action || undefined,
      });
      if (mine !== generation) return;
      if (before === undefined) {
        state.entries = entries;
      } else {
        const shown = new Set(state.entries.map((entry) => entry.id));
        state.entries = [...state.entries, ...entries.filter((entry) => !shown.has(entry.id))];
      }
      state.hasMore = entries.length >= pageSize;
    } finally {
      if (mine === generation) state.loading = false;
    }
  }

  /** The newest page, with `action` as the new filter (trimmed; '' for all). Errors are thrown. */
  function reload(action: string = state.action): Promise<void> {
    state.action = action.trim();
    return fetchInto(undefined);
  }

  /** The page after the smallest id shown. Errors are thrown. */
  function loadMore(): Promise<void> {
    if (!state.entries.length) return reload();
    const smallest = Math.min(...state.entries.map((entry) => entry.id));
    return fetchInto(smallest);
  }

  return { state, reload, loadMore };
}
