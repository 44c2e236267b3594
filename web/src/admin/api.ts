// Administration calls: GET /api/v1/users (administrators only; 403 for anyone else) and
// GET /api/v1/audit.
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

/** One line of the audit log (auth/audit_log.h), as GET /api/v1/audit returns it. */
export interface AuditEntry {
  id: number;
  /** ISO 8601 with +08:00. */
  at: string;
  /** The account that acted (or tried to sign in). */
  login: string;
  /** What was done, "<record>.<verb>": session.login, user.create, ... */
  action: string;
  record_type: string;
  record_id: string;
  remote_address: string;
  request_id: string;
  user_id?: number;
  community_id?: number;
  /** Free text; never personal data. */
  detail?: string;
}

export interface AuditQuery {
  /** 1–500; the server's default when absent. */
  limit?: number;
  /** Only entries older than this id: the next page after the smallest id shown. */
  before_id?: number;
  /** Only this action, exactly. */
  action?: string;
}

/** GET /api/v1/audit, newest first. Errors are left to the caller (a 403 is a page of its own). */
export function fetchAudit(query: AuditQuery = {}): Promise<{ entries: AuditEntry[] }> {
  return request<{ entries: AuditEntry[] }>('/audit', {
    query: { limit: query.limit, before_id: query.before_id, action: query.action || undefined },
    notify: false,
  });
}
