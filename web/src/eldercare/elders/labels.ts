// Words around the eldercare data in the UI's language: service, status, kind and skill names,
// the server's bilingual texts (message_zh / message_en), and the errors of the forms put onto
// their items. Call inside setup().
import { useI18n } from 'vue-i18n';

import { ApiError, errorMessage } from '@/api/client';

import { weekdayRuns } from './format';

/** The skills of the home-care catalogue (homecare_services.skill, migration 0013). */
export const SKILLS = [
  'cleaning',
  'bathing',
  'personal_care',
  'meal_delivery',
  'escort',
  'medical',
  'rehabilitation',
  'companionship',
] as const;

export function useEldercareLabels() {
  const { t, te, locale } = useI18n();

  const english = () => locale.value === 'en';

  /** Picks the text of a bilingual pair in the UI's language. */
  function bilingual(zh: string | null | undefined, en: string | null | undefined): string {
    return (english() ? en || zh : zh || en) ?? '';
  }

  function label(prefix: string, code: string | null | undefined): string {
    if (!code) return '';
    const key = `eldercare.${prefix}.${code}`;
    return te(key) ? t(key) : code;
  }

  const serviceName = (row: { service_name_zh?: string; service_name_en?: string; service_code?: string }) =>
    bilingual(row.service_name_zh, row.service_name_en) || row.service_code || '';

  /** "2 级 中度受损" / "Grade 2 Moderately impaired"; the server sends the Chinese name. */
  function gradeLabel(grade: number | null | undefined, nameZh?: string | null, nameEn?: string | null): string {
    if (grade === null || grade === undefined) return t('eldercare.grade.none');
    const name = english() ? nameEn || label('grade.names', String(grade)) : nameZh || label('grade.names', String(grade));
    return t('eldercare.grade.label', { grade, name });
  }

  /** Weekdays as "周一至周五、周日" / "Mon–Fri, Sun". */
  function weekdaysLabel(days: readonly number[]): string {
    const runs = weekdayRuns(days);
    if (runs.length === 0) return t('eldercare.weekdays.none');
    const day = (d: number) => t(`eldercare.weekdays.short.${d}`);
    return runs
      .map(([a, b]) => (a === b ? day(a) : b === a + 1 ? `${day(a)}${t('eldercare.weekdays.and')}${day(b)}` : `${day(a)}${t('eldercare.weekdays.to')}${day(b)}`))
      .join(t('eldercare.weekdays.separator'));
  }

  /** A tag from the elder list (the server sends 独居, 低保… in Chinese, or codes). */
  function tagLabel(tag: string): string {
    const key = `registry.tags.${tag}`;
    return te(key) ? t(key) : tag;
  }

  /**
   * The errors of a failed write, keyed by the request field, in the UI's language: a field the
   * page knows gets "…填写有误" with its label (the server's English text after it in English),
   * a 409 on a field its own text when the page has one (`conflicts`), anything else the shared
   * message. An error without a field comes back under '' for the form's banner.
   */
  function formErrors(error: unknown, conflicts: Record<string, string> = {}): Record<string, string> {
    if (!(error instanceof ApiError)) return { '': errorMessage(error) };
    const field = error.field ?? '';
    if (error.status === 409 && conflicts[field]) return { [field]: conflicts[field]! };
    if (error.code === 'invalid_argument' && field) {
      const key = `eldercare.fields.${field}`;
      if (!field.includes('.') && te(key)) {
        const text = t('eldercare.errors.invalidField', { field: t(key) });
        return { [field]: english() ? `${text}: ${error.message}` : text };
      }
    }
    return { [field]: errorMessage(error) };
  }

  return {
    t,
    te,
    locale,
    bilingual,
    serviceName,
    gradeLabel,
    weekdaysLabel,
    tagLabel,
    formErrors,
    orderStatus: (s: string) => label('orderStatus', s),
    visitStatus: (s: string) => label('visitStatus', s),
    workerKind: (s: string) => label('workerKind', s),
    certStatus: (s: string) => label('certStatus', s),
    skillLabel: (s: string) => label('skills', s),
    unplacedReason: (s: string) => label('homecare.unplacedReasons', s),
    relationLabel: (s: string) => label('relations', s),
  };
}
