// For unit tests: a vue-i18n instance of its own with the real messages, in the language asked
// for, without the browser set-up of index.ts (localStorage, <html lang>).
import { createI18n } from 'vue-i18n';

import type { Translator } from '@/api/errors';

import en from './en';
import zhCN from './zh-CN';

export function testTranslator(locale: 'zh-CN' | 'en'): Translator {
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  });
  return {
    t: (key, params) => (params ? i18n.global.t(key, params) : i18n.global.t(key)),
    te: (key) => i18n.global.te(key),
  };
}
