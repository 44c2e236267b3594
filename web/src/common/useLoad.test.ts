import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError, configureClient, errorMessage } from '@/api/client';
import { testTranslator } from '@/i18n/testing';

import { useLoad } from './useLoad';

describe('useLoad', () => {
  const notify = vi.fn();

  beforeEach(() => {
    notify.mockReset();
    configureClient({
      notify,
      onUnauthenticated: vi.fn(),
      language: () => 'en',
      translator: testTranslator('en'),
    });
  });

  it('runs a step that succeeds with nothing to show', async () => {
    const { loading, forbidden, failed, run } = useLoad();
    const step = vi.fn(async () => {});
    await run(step);
    expect(step).toHaveBeenCalledOnce();
    expect(loading.value).toBe(false);
    expect(forbidden.value).toBe(false);
    expect(failed.value).toBe('');
  });

  it('is loading while the step runs', async () => {
    const { loading, run } = useLoad();
    let finish!: () => void;
    const running = run(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(loading.value).toBe(true);
    finish();
    await running;
    expect(loading.value).toBe(false);
  });

  it('turns a 403 into forbidden, not an error', async () => {
    const { loading, forbidden, failed, run } = useLoad();
    await run(async () => {
      throw new ApiError(403, 'forbidden', 'Forbidden');
    });
    expect(forbidden.value).toBe(true);
    expect(failed.value).toBe('');
    expect(loading.value).toBe(false);
  });

  it('shows any other failure, and clears it on the next run', async () => {
    const { loading, forbidden, failed, run } = useLoad();
    const error = new ApiError(500, 'internal', 'Internal error', undefined, undefined, 'req-1');
    await run(async () => {
      throw error;
    });
    expect(forbidden.value).toBe(false);
    expect(failed.value).toBe(errorMessage(error));
    expect(failed.value).not.toBe('');
    expect(loading.value).toBe(false);
    expect(notify).not.toHaveBeenCalled();

    await run(async () => {});
    expect(failed.value).toBe('');
  });

  it('shows a failure that is not an ApiError in the UI language', async () => {
    const { failed, run } = useLoad();
    await run(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(failed.value).toBe(errorMessage(new TypeError('x')));
  });

  it('reports the failure and keeps a 401 off the page when asked', async () => {
    const { failed, run } = useLoad({ report: true, quietOn401: true });
    await run(async () => {
      throw new ApiError(401, 'unauthenticated', 'Sign in');
    });
    expect(failed.value).toBe('');
    expect(notify).not.toHaveBeenCalled();

    const error = new ApiError(500, 'internal', 'Internal error');
    await run(async () => {
      throw error;
    });
    expect(failed.value).toBe(errorMessage(error));
    expect(notify).toHaveBeenCalledWith(errorMessage(error));
  });

  it('shows a 401 by default', async () => {
    const { failed, run } = useLoad();
    await run(async () => {
      throw new ApiError(401, 'unauthenticated', 'Sign in');
    });
    expect(failed.value).not.toBe('');
  });
});
