// The 长辈版 tokens keep MIIT 2021's numbers (STANDARDS.md §9): sizes, target and contrast.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./elderTokens.css', import.meta.url), 'utf8');

function token(name: string): string {
  const match = new RegExp(`--elder-${name}:\\s*([^;]+);`).exec(css);
  if (!match?.[1]) throw new Error(`no token --elder-${name}`);
  return match[1].trim();
}

function px(name: string): number {
  return Number(token(name).replace(/px$/, ''));
}

/** WCAG 2.x relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(token(a)), luminance(token(b))].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('elder tokens', () => {
  it('keep the type sizes and the tap target', () => {
    expect(px('font-small')).toBeGreaterThanOrEqual(18);
    expect(px('font-body')).toBeGreaterThanOrEqual(18);
    expect(px('font-title')).toBeGreaterThanOrEqual(30);
    expect(px('target')).toBeGreaterThanOrEqual(60);
    expect(Number(token('line-height'))).toBeGreaterThanOrEqual(1.3);
    const lineGap = px('font-body') * Number(token('line-height'));
    expect(px('paragraph-gap')).toBeGreaterThanOrEqual(1.3 * lineGap);
  });

  it('keep every text colour at 4.5:1 or more on its background', () => {
    const pairs: [string, string][] = [
      ['text', 'bg'],
      ['text', 'surface'],
      ['text-muted', 'bg'],
      ['text-muted', 'surface'],
      ['primary', 'bg'],
      ['primary', 'primary-soft'],
      ['on-primary', 'primary'],
      ['success', 'success-soft'],
      ['success', 'bg'],
      ['danger', 'danger-soft'],
      ['danger', 'bg'],
      ['warning', 'bg'],
      ['star', 'bg'],
      ['star', 'star-soft'],
      ['text', 'primary-soft'],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast as WCAG does', () => {
    // Black on white is 21:1 by definition.
    expect((luminance('#ffffff') + 0.05) / (luminance('#000000') + 0.05)).toBeCloseTo(21, 5);
  });
});
