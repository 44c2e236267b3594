// The live arithmetic of the ability assessment form (GB/T 42195-2022) while the worker fills
// it in: the sum per dimension, the total, which items are still unanswered, and the band the
// total falls in. Only a preview: the server computes the grade that counts (with the coma,
// dementia, psychiatric and risk-event adjustments), from the same form it sent us.
import type { AssessmentForm, FormGrade } from '../api';

/** The worker's answers so far: item code → score; an unanswered item is absent or undefined. */
export type Answers = Record<string, number | undefined>;

export interface DimensionSum {
  code: string;
  /** Sum of the answered items. */
  sum: number;
  /** The dimension's maximum (from the form). */
  max: number;
  answered: number;
  items: number;
}

/** The running sum of each dimension, in the form's order. */
export function dimensionSums(form: Pick<AssessmentForm, 'dimensions' | 'items'>, answers: Answers): DimensionSum[] {
  return form.dimensions.map((dimension) => {
    const items = form.items.filter((item) => item.dimension === dimension.code);
    let sum = 0;
    let answered = 0;
    for (const item of items) {
      const score = answers[item.code];
      if (typeof score === 'number' && Number.isFinite(score)) {
        sum += score;
        answered += 1;
      }
    }
    return { code: dimension.code, sum, max: dimension.max_score, answered, items: items.length };
  });
}

/** The total of the answered items. */
export function answeredTotal(sums: readonly DimensionSum[]): number {
  return sums.reduce((total, d) => total + d.sum, 0);
}

/** The codes of the items still without a score, in the form's order. */
export function missingItems(form: Pick<AssessmentForm, 'items'>, answers: Answers): string[] {
  return form.items.filter((item) => typeof answers[item.code] !== 'number').map((item) => item.code);
}

/** The grade whose total band holds `total` (before any adjustment), or undefined. */
export function bandOf(grades: readonly FormGrade[], total: number): FormGrade | undefined {
  return grades.find((g) => total >= g.min_total && total <= g.max_total);
}

/**
 * The item code of a server field error: "items.B.2.3" → "B.2.3"; undefined for other fields.
 * (Item codes contain dots themselves, so only the first segment is the prefix.)
 */
export function itemOfField(field: string | undefined): string | undefined {
  if (!field || !field.startsWith('items.')) return undefined;
  return field.slice('items.'.length) || undefined;
}

/** The condition key of a field error: "conditions.coma" → "coma". */
export function conditionOfField(field: string | undefined): string | undefined {
  if (!field || !field.startsWith('conditions.')) return undefined;
  return field.slice('conditions.'.length) || undefined;
}

/** Scores an item may take: min…max, or the form's levels when it lists them. */
export function scoresOf(item: { min_score: number; max_score: number; levels: { score: number }[] }): number[] {
  if (item.levels.length > 0) return [...new Set(item.levels.map((l) => l.score))].sort((a, b) => b - a);
  const scores: number[] = [];
  for (let s = item.max_score; s >= item.min_score; s--) scores.push(s);
  return scores;
}
