// The load state every page keeps: whether a load is running, whether the server refused it
// (403: the page shows "no permission"), and the last failure, as text in the UI's language.
import { computed, ref, shallowRef, type ComputedRef, type Ref } from 'vue';

import { ApiError, errorMessage, reportError } from '@/api/client';

export interface LoadOptions {
  /** Keep a 401 off the page: the client has already sent the user to the sign-in page. */
  quietOn401?: boolean;
  /** Also tell the user with `reportError`, besides keeping the failure on the page. */
  report?: boolean;
}

export interface LoadState {
  loading: Ref<boolean>;
  forbidden: Ref<boolean>;
  /** The last failure to load, in the current language; '' when there is none. */
  failed: ComputedRef<string>;
  /** Runs one load: sets `loading`, clears the last failure, sorts out what `step` throws. */
  run(step: () => Promise<void>): Promise<void>;
}

export function useLoad(options: LoadOptions = {}): LoadState {
  const loading = ref(false);
  const forbidden = ref(false);
  const loadError = shallowRef<unknown>();
  const failed = computed(() => (loadError.value === undefined ? '' : errorMessage(loadError.value)));

  async function run(step: () => Promise<void>): Promise<void> {
    loading.value = true;
    loadError.value = undefined;
    try {
      await step();
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        forbidden.value = true;
      } else if (!(options.quietOn401 && error instanceof ApiError && error.status === 401)) {
        if (options.report) reportError(error);
        loadError.value = error;
      }
    } finally {
      loading.value = false;
    }
  }

  return { loading, forbidden, failed, run };
}
