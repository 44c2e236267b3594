// The signed-in user, shared by the route guard, the layout and the pages.
//
// The session itself lives in the server's HttpOnly cookie; this module only remembers who it
// belongs to, learned from GET /me once per page load or from the sign-in answer.
import { reactive, readonly } from 'vue';

import { ApiError, type User } from '@/api/client';

import * as authApi from './api';

interface SessionState {
  user: User | null;
  /** True once GET /me has answered (with a user or a 401) since the page loaded. */
  checked: boolean;
}

const state = reactive<SessionState>({ user: null, checked: false });

export const session = readonly(state);

/**
 * Asks the server who is signed in, once per page load. Returns the user, or null when nobody
 * is. Other failures (server down) are thrown and leave the session unchecked, so the next
 * navigation asks again.
 */
export async function ensureSession(): Promise<User | null> {
  if (state.checked) return state.user;
  try {
    state.user = await authApi.fetchMe();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    state.user = null;
  }
  state.checked = true;
  return state.user;
}

export async function signIn(loginName: string, password: string): Promise<User> {
  const answer = await authApi.login(loginName, password);
  state.user = answer.user;
  state.checked = true;
  return answer.user;
}

/** Ends the session on the server; the local state is cleared even if that call fails. */
export async function signOut(): Promise<void> {
  try {
    await authApi.logout();
  } finally {
    forgetSession();
  }
}

/** Drops the local user after the server said the session is gone (a 401). */
export function forgetSession(): void {
  state.user = null;
  state.checked = true;
}
