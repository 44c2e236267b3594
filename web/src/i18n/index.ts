// The UI language: vue-i18n set up with zh-CN (default) and en, the user's choice kept in
// localStorage, and the matching Element Plus locale for its built-in texts (pagination, empty
// tables, date pickers).
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from 'element-plus/es/locale';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';

import type { Translator } from '@/api/errors';

import en from './en';
import zhCN, { type Messages } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const STORAGE_KEY = 'shequ.locale';

const ELEMENT_LOCALES: Record<Locale, Language> = { 'zh-CN': elementZhCn, en: elementEn };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    // Storage can be disabled (private mode, policy): fall back to the default.
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
});

/** The current locale, reactive. */
export const currentLocale = computed<Locale>(() => i18n.global.locale.value);

/** Element Plus's locale matching the current one, for <el-config-provider>. */
export const elementLocale = computed<Language>(() => ELEMENT_LOCALES[currentLocale.value]);

/** Switches the language everywhere and remembers the choice in this browser. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
}

/** Shorthand for code outside components (the API client, the router). */
export function t(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key);
}

/** Whether `key` has a text (in the current language or the fallback). */
export function te(key: string): boolean {
  return i18n.global.te(key) || i18n.global.te(key, DEFAULT_LOCALE);
}

document.documentElement.lang = currentLocale.value;

/** t and te together, for helpers that take a Translator (api/errors.ts). */
export const translator: Translator = { t, te };
