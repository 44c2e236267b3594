// Money as the elder reads it: yuan with two decimals, a subsidy with a real minus sign, and the
// price's explanation line by line ("标准价 15.00 元 / 低保老人补贴 −8.00 元 / 您付 7.00 元").
import type { HomeCareOrder, PriceLine, Quote } from './api';

/** Fen as yuan, "15.00"; negative amounts with U+2212 (a hyphen is easy to miss at a glance). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '\u2212' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export interface ShownLine {
  label: string;
  amount: string;
  kind: 'standard' | 'subsidy' | 'fee' | 'total';
}

/**
 * The quote's lines in the UI's language, then the total the elder pays. `youPay` is the total's
 * label ("您付"). The server's lines already carry the subsidy as a negative amount.
 */
export function quoteLines(quote: Quote, english: boolean, youPay: string): ShownLine[] {
  const lines: ShownLine[] = quote.lines.map((line: PriceLine, index) => ({
    label: english ? line.label_en || line.label : line.label,
    amount: formatFen(line.amount_fen),
    kind: index === 0 ? 'standard' : line.amount_fen < 0 ? 'subsidy' : 'fee',
  }));
  lines.push({ label: youPay, amount: formatFen(quote.price_fen), kind: 'total' });
  return lines;
}

/**
 * A home-care order's price as lines: the standard price, the subsidy when there is one, what the
 * household pays. `labels` are the texts of the three lines.
 */
export function careOrderLines(
  order: Pick<HomeCareOrder, 'price_fen' | 'subsidy_fen' | 'pay_fen'>,
  labels: { standard: string; subsidy: string; youPay: string },
): ShownLine[] {
  const lines: ShownLine[] = [
    { label: labels.standard, amount: formatFen(order.price_fen), kind: 'standard' },
  ];
  if (order.subsidy_fen > 0) {
    lines.push({ label: labels.subsidy, amount: formatFen(-order.subsidy_fen), kind: 'subsidy' });
  }
  lines.push({ label: labels.youPay, amount: formatFen(order.pay_fen), kind: 'total' });
  return lines;
}
