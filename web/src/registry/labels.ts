// Names of the registry's codes (sex, residence status, relation, tags) in the UI's language;
// a code the UI does not know yet is shown as it came.
import { useI18n } from 'vue-i18n';

import type { ResidentTag } from './api';

export function useRegistryLabels() {
  const { t, te } = useI18n();

  function label(group: string, code: string | null | undefined): string {
    if (!code) return '';
    const key = `registry.${group}.${code}`;
    return te(key) ? t(key) : code;
  }

  return {
    sexLabel: (code: string | null | undefined) => label('sex', code),
    statusLabel: (code: string | null | undefined) => label('residenceStatus', code),
    relationLabel: (code: string | null | undefined) => label('relation', code),
    tagLabel: (code: string) => label('tags', code),
    /** "残疾（2 级）" for a tag with a level. */
    tagText: (tag: ResidentTag) =>
      tag.disability_level
        ? `${label('tags', tag.tag)} · ${t('registry.disabilityLevel', { level: tag.disability_level })}`
        : label('tags', tag.tag),
  };
}
