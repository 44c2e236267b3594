import { describe, expect, it } from 'vitest';

import { formatDateTime } from './format';

describe('formatDateTime', () => {
  it('shows instants in Asia/Shanghai whatever their offset', () => {
    expect(formatDateTime('2026-11-30T12:00:00+08:00')).toBe('2026-11-30 12:00:00');
    expect(formatDateTime('2026-11-30T16:30:05Z')).toBe('2026-12-01 00:30:05');
    expect(formatDateTime('2026-06-01T00:00:00-04:00')).toBe('2026-06-01 12:00:00');
  });

  it('passes through what it cannot read', () => {
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('not a time')).toBe('not a time');
  });
});
