// GET /api/v1/dashboard: counts of what lies in the caller's scope.
import { request, type ScopeKind } from '@/api/client';

export interface Dashboard {
  scope: { kind: ScopeKind; name: string };
  /** One figure per key; which keys come depends on the server and the caller's role. */
  counts: Record<string, number>;
}

export function fetchDashboard(): Promise<Dashboard> {
  return request<Dashboard>('/dashboard');
}
