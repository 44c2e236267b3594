// A day as the elder says it: "今天 12月1日 周二" / "Today, Tue 1 Dec".
import { useI18n } from 'vue-i18n';

import { daysBetween, isoWeekday } from './dates';

/** Labels for dates relative to `today` (Asia/Shanghai). Call inside setup(). */
export function useDayLabel() {
  const { t } = useI18n();

  function dayLabel(date: string, today: string): string {
    const [, month, day] = date.split('-').map(Number);
    const plain = t('elderMode.day', {
      month: month ?? 0,
      day: day ?? 0,
      weekday: t(`elderMode.weekdays.${isoWeekday(date)}`),
    });
    const offset = daysBetween(today, date);
    if (offset >= 0 && offset <= 2) return t(`elderMode.relativeDay.${offset}`, { date: plain });
    return plain;
  }

  return { dayLabel };
}
