// Texts of the audit log: an action, a record, a detail in the UI's language, each falling back
// to the server's own value when the UI has no text for it (a new action shows as it is).
import type { Translator } from '@/api/errors';

/** Actions the UI names, for the filter's suggestions (audit.actions.* in the messages). */
export const KNOWN_ACTIONS = [
  'session.login',
  'session.login_failed',
  'session.logout',
  'user.create',
  'user.disable',
  'user.enable',
] as const;

/** The server's `detail` texts the UI translates, → audit.details.<key>. */
const DETAILS: Record<string, string> = {
  'unknown login': 'unknownLogin',
  'wrong password': 'wrongPassword',
  'account disabled': 'accountDisabled',
};

/** "session.login" → "登录" (audit.actions.session.login); unknown actions as they are. */
export function actionLabel(action: string, i18n: Translator): string {
  if (!/^[a-z_]+(\.[a-z_]+)+$/.test(action)) return action;
  const key = `audit.actions.${action}`;
  return i18n.te(key) ? i18n.t(key) : action;
}

/** "用户 12" / "Session 40"; an unknown record type shows its own name. */
export function recordLabel(type: string, id: string, i18n: Translator): string {
  const key = `audit.recordTypes.${type}`;
  const name = /^[a-z_]+$/.test(type) && i18n.te(key) ? i18n.t(key) : type;
  return [name, id].filter(Boolean).join(' ');
}

/** A known detail in the UI's language, anything else (role=…, sessions_revoked=…) as it is. */
export function detailLabel(detail: string | undefined, i18n: Translator): string {
  if (!detail) return '';
  const key = DETAILS[detail];
  return key ? i18n.t(`audit.details.${key}`) : detail;
}
