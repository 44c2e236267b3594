// Both languages have the same keys, no empty texts, and none of vue-i18n's syntax characters
// by accident (an unescaped `@` or `|` changes what is shown).
import { describe, expect, it } from 'vitest';

import en from './en';
import zhCN from './zh-CN';

/** Every leaf as "path.to.key" → text; array items get their index as a key. */
function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, text] of leaves(child, prefix ? `${prefix}.${key}` : key)) {
        out.set(path, text);
      }
    }
  }
  return out;
}

const zh = leaves(zhCN);
const english = leaves(en);

describe('messages', () => {
  it('have the same keys in zh-CN and en', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of zh) expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('contain no stray vue-i18n syntax', () => {
    for (const [key, text] of [...zh, ...english]) expect(text, key).not.toMatch(/[@|$]/);
  });

  it('label every role of auth/principal.h', async () => {
    const { ROLES } = await import('@/api/client');
    expect(Object.keys(zhCN.roles).sort()).toEqual([...ROLES].sort());
  });
});
