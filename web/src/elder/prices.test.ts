import { describe, expect, it } from 'vitest';

import { careOrderLines, formatFen, quoteLines } from './prices';

describe('formatFen', () => {
  it('shows yuan with two decimals and a real minus sign', () => {
    expect(formatFen(1500)).toBe('15.00');
    expect(formatFen(700)).toBe('7.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(-800)).toBe('\u22128.00');
    expect(formatFen(-5)).toBe('\u22120.05');
    expect(formatFen(123456)).toBe('1234.56');
  });
});

describe('quoteLines', () => {
  // The shipped Jurong table: an 80-year-old on 低保, a 15.00 lunch, delivered for 2.00.
  const quote = {
    price_fen: 900,
    standard_fen: 1500,
    subsidy_fen: 800,
    delivery_fen: 200,
    lines: [
      { label: '标准价', label_en: 'Standard price', amount_fen: 1500 },
      { label: '低保老人补贴', label_en: 'Low-income (dibao) elder subsidy', amount_fen: -800 },
      { label: '送餐费（自付）', label_en: 'Delivery fee (self-paid)', amount_fen: 200 },
    ],
  };

  it('lists the explanation and the total in Chinese', () => {
    expect(quoteLines(quote, false, '您付')).toEqual([
      { label: '标准价', amount: '15.00', kind: 'standard' },
      { label: '低保老人补贴', amount: '\u22128.00', kind: 'subsidy' },
      { label: '送餐费（自付）', amount: '2.00', kind: 'fee' },
      { label: '您付', amount: '9.00', kind: 'total' },
    ]);
  });

  it('uses the English labels in English', () => {
    expect(quoteLines(quote, true, 'You pay').map((l) => l.label)).toEqual([
      'Standard price',
      'Low-income (dibao) elder subsidy',
      'Delivery fee (self-paid)',
      'You pay',
    ]);
  });
});

describe('careOrderLines', () => {
  const labels = { standard: '标准价', subsidy: '补贴', youPay: '您付' };

  it('shows the subsidy only when there is one', () => {
    expect(careOrderLines({ price_fen: 6000, subsidy_fen: 4000, pay_fen: 2000 }, labels)).toEqual([
      { label: '标准价', amount: '60.00', kind: 'standard' },
      { label: '补贴', amount: '\u221240.00', kind: 'subsidy' },
      { label: '您付', amount: '20.00', kind: 'total' },
    ]);
    expect(careOrderLines({ price_fen: 6000, subsidy_fen: 0, pay_fen: 6000 }, labels)).toHaveLength(2);
  });
});
