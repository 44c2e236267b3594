// The community a canteen or time-bank page works in: the user's own when their scope is one
// community (a canteen operator cannot list communities), else a pick from the communities of
// their street scope (admin, street admin).
import { computed, ref, type Ref } from 'vue';

import { session } from '@/auth/session';
import { fetchCommunities, type Community } from '@/registry/api';

export interface CommunityState {
  communities: Ref<Community[]>;
  community: Ref<number | undefined>;
  /** True when the user picks the community (scope wider than one community). */
  picks: Readonly<Ref<boolean>>;
  load(): Promise<void>;
}

export function scopeCommunity(): number | undefined {
  const id = session.user?.scope?.community_id;
  if (id === null || id === undefined || id === '') return undefined;
  const n = Number(id);
  return Number.isFinite(n) ? n : undefined;
}

export function useCommunity(): CommunityState {
  const communities = ref<Community[]>([]);
  const community = ref<number>();
  const own = scopeCommunity();
  const picks = computed(() => own === undefined);

  async function load(): Promise<void> {
    if (own !== undefined) {
      community.value = own;
      return;
    }
    try {
      communities.value = (await fetchCommunities()).communities;
    } catch {
      communities.value = [];
    }
    community.value = communities.value[0]?.id;
  }

  return { communities, community, picks, load };
}
