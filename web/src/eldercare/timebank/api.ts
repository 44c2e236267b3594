// Time-bank calls (docs/timebank.md): activities with sign-ups and attendance (which credits
// hours), accounts and statements, the trial balance, redeems and family transfers. Amounts are
// whole minutes, as the ledger keeps them.
import { request } from '@/api/client';

export interface Activity {
  id: number;
  community_id?: number;
  title: string;
  starts_at: string;
  ends_at: string;
  credit_minutes: number;
  /** How many signed up / attended (the list route). */
  signups?: number;
  attended?: number;
}

export interface NewActivity {
  community_id?: number;
  title: string;
  starts_at: string;
  ends_at: string;
  credit_minutes: number;
}

export interface Signup {
  activity_id?: number;
  resident_id: number;
  resident_name?: string;
  signed_up_at: string;
  attended: boolean | null;
  entry_id: number | null;
}

export interface AttendanceResult extends Signup {
  credited_now: boolean;
  balance_minutes: number;
}

export interface Account {
  /** 0 for a person who has no account yet (nothing earned). */
  id: number;
  community_id: number;
  kind: 'issuance' | 'person';
  resident_id: number | null;
  name: string;
  balance_minutes: number;
  balance_hours: number;
}

export type EntryKind = 'credit_activity' | 'credit_visit' | 'redeem' | 'transfer' | 'correction';

export interface StatementEntry {
  entry_id: number;
  kind: EntryKind;
  reference: string;
  note: string;
  posted_by: number | null;
  posted_at: string;
  minutes: number;
  balance_after_minutes: number;
}

export interface Statement extends Account {
  entries: StatementEntry[];
}

export interface TrialBalance {
  community_id: number;
  accounts: Account[];
  total_minutes: number;
  balanced: boolean;
  cache_agrees: boolean;
}

export function fetchActivities(query: { community?: number; from?: string; to?: string }): Promise<{ activities: Activity[] }> {
  return request('/timebank/activities', { query, notify: false });
}

export function createActivity(activity: NewActivity): Promise<Activity> {
  return request('/timebank/activities', { method: 'POST', body: activity, notify: false });
}

export function fetchSignups(activity: number): Promise<{ signups: Signup[] }> {
  return request(`/timebank/activities/${activity}/signups`, { notify: false });
}

export function signUp(activity: number, resident: number): Promise<Signup> {
  return request(`/timebank/activities/${activity}/signups`, {
    method: 'POST',
    body: { resident_id: resident },
    notify: false,
  });
}

export function recordAttendance(activity: number, resident: number, attended: boolean): Promise<AttendanceResult> {
  return request(`/timebank/activities/${activity}/attendance`, {
    method: 'POST',
    body: { resident_id: resident, attended },
    notify: false,
  });
}

export function fetchAccounts(community?: number): Promise<{ accounts: Account[] }> {
  return request('/timebank/accounts', { query: { community } });
}

export function fetchStatement(account: number): Promise<Statement> {
  return request(`/timebank/accounts/${account}`);
}

export function fetchMyStatement(): Promise<Statement> {
  return request('/my/timebank', { notify: false });
}

export function fetchTrialBalance(community?: number): Promise<TrialBalance> {
  return request('/timebank/trial-balance', { query: { community } });
}

export function redeem(body: { resident_id: number; minutes: number; note?: string }): Promise<{
  entry_id: number;
  balance_minutes: number;
  issuance_balance_minutes: number;
}> {
  return request('/timebank/redeem', { method: 'POST', body, notify: false });
}

export function transfer(body: { from_resident_id: number; to_resident_id: number; minutes: number }): Promise<{
  entry_id: number;
  from_balance_minutes: number;
  to_balance_minutes: number;
}> {
  return request('/timebank/transfers', { method: 'POST', body, notify: false });
}
