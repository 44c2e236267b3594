// A failure of a canteen or time-bank request in the UI's language, with this module's own field
// labels and conflict texts: `<block>.fields.<field>` names the form item the server's `field`
// points at, `<block>.conflicts.<field>` says what a 409 on that field means ("the sitting is
// full", "not enough hours"). Anything else goes to the app's errorMessage().
import { ApiError, errorMessage } from '@/api/client';
import type { Translator } from '@/api/errors';

export function describeError(error: unknown, block: string, i18n: Translator): string {
  if (error instanceof ApiError && error.field) {
    const label = `${block}.fields.${error.field}`;
    if (error.code === 'invalid_argument' && i18n.te(label)) {
      return i18n.t('errors.invalid_argument', { field: i18n.t(label) });
    }
    const conflict = `${block}.conflicts.${error.field}`;
    if (error.status === 409 && i18n.te(conflict)) return i18n.t(conflict);
    const missing = `${block}.notFound.${error.field}`;
    if (error.status === 404 && i18n.te(missing)) return i18n.t(missing);
  }
  return errorMessage(error);
}

/** The failure as {field: text} for el-form-item's `error`, when it names a field. */
export function fieldError(error: unknown, block: string, i18n: Translator): Record<string, string> {
  if (error instanceof ApiError && error.field) return { [error.field]: describeError(error, block, i18n) };
  return {};
}
