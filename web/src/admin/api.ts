// GET /api/v1/users: every account (administrators only; 403 for anyone else).
import { request, type User } from '@/api/client';

export interface UserRow extends User {
  /** A disabled account cannot sign in. */
  disabled?: boolean;
  /** ISO 8601 with an offset. */
  created_at: string;
}

/** Errors are left to the caller (a 403 is a page of its own, not a pop-up). */
export function fetchUsers(): Promise<{ users: UserRow[] }> {
  return request<{ users: UserRow[] }>('/users', { notify: false });
}
