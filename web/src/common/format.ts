// Display formats shared by the pages: times in Asia/Shanghai, scopes, roles.
import { useI18n } from 'vue-i18n';

import type { Scope } from '@/api/client';

/** All times are shown in China Standard Time, whatever the browser's own zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const dateTimeParts = new Intl.DateTimeFormat('en-US', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * An ISO 8601 instant with an offset ("2026-11-30T12:00:00+08:00") as "2026-11-30 12:00:00" in
 * Asia/Shanghai. Values that do not parse are returned as they came, so nothing is hidden.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const part: Record<string, string> = {};
  for (const { type, value } of dateTimeParts.formatToParts(time)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** Formatters that follow the current UI language. Call inside setup(). */
export function useFormat() {
  const { t, te } = useI18n();

  /** "社区：幸福里社区" / "Community: Xingfuli". */
  function scopeLabel(scope: Scope | null | undefined): string {
    if (!scope) return '';
    const kindKey = `scope.kind.${scope.kind}`;
    const kind = te(kindKey) ? t(kindKey) : scope.kind;
    return scope.name ? t('scope.display', { kind, name: scope.name }) : kind;
  }

  /** The translated role name; an unknown role shows its API name. */
  function roleLabel(role: string): string {
    const key = `roles.${role}`;
    return te(key) ? t(key) : role;
  }

  return { scopeLabel, roleLabel };
}
