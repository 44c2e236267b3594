// Sign-in, sign-out and the current user: POST /auth/login, POST /auth/logout, GET /me.
import { request, type User } from '@/api/client';

export interface LoginResponse {
  /** Also set as the HttpOnly `shequ_session` cookie, which is what the UI relies on. */
  token: string;
  expires_at: string;
  user: User;
}

/** Signs in. A wrong password is a 401 and a rate limit a 429: the caller shows them. */
export function login(loginName: string, password: string): Promise<LoginResponse> {
  return request<LoginResponse>('/auth/login', {
    method: 'POST',
    body: { login: loginName, password },
    notify: false,
    redirectOn401: false,
  });
}

export function logout(): Promise<void> {
  return request<void>('/auth/logout', { method: 'POST', notify: false, redirectOn401: false });
}

/** The signed-in user; a 401 (no session) is thrown quietly for the caller to handle. */
export function fetchMe(): Promise<User> {
  return request<User>('/me', { notify: false, redirectOn401: false });
}
