// The communities of the caller's scope for a page's community picker, the first one selected.
import { ref, type Ref } from 'vue';

import { fetchCommunities, type Community } from './api';

export interface CommunitiesState {
  communities: Ref<Community[]>;
  selected: Ref<number | undefined>;
  /** Fetches the list (empty on failure) and selects its first; returns the failure, if any. */
  load(): Promise<unknown>;
}

export function useCommunities(): CommunitiesState {
  const communities = ref<Community[]>([]);
  const selected = ref<number>();

  async function load(): Promise<unknown> {
    let failure: unknown;
    try {
      communities.value = (await fetchCommunities()).communities;
    } catch (error) {
      failure = error;
      communities.value = [];
    }
    selected.value = communities.value[0]?.id;
    return failure;
  }

  return { communities, selected, load };
}
