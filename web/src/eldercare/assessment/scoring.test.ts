import { describe, expect, it } from 'vitest';

import type { AssessmentForm } from '../api';
import { answeredTotal, bandOf, conditionOfField, dimensionSums, itemOfField, missingItems, scoresOf } from './scoring';

// A cut-down form in the server's shape: two dimensions, five items.
const form: Pick<AssessmentForm, 'dimensions' | 'items' | 'grades'> = {
  dimensions: [
    { code: 'B.1', name_zh: '自理能力', name_en: 'Self-care', max_score: 8 },
    { code: 'B.2', name_zh: '基础运动能力', name_en: 'Mobility', max_score: 7 },
  ],
  items: [
    { code: 'B.1.1', dimension: 'B.1', name_zh: '进食', name_en: 'Eating', min_score: 0, max_score: 4, levels: [] },
    { code: 'B.1.2', dimension: 'B.1', name_zh: '修饰', name_en: 'Grooming', min_score: 0, max_score: 4, levels: [] },
    { code: 'B.2.1', dimension: 'B.2', name_zh: '床上体位转移', name_en: 'Bed', min_score: 0, max_score: 4, levels: [] },
    { code: 'B.2.4', dimension: 'B.2', name_zh: '上下楼梯', name_en: 'Stairs', min_score: 0, max_score: 3, levels: [] },
  ],
  grades: [
    { grade: 0, name_zh: '能力完好', name_en: 'Intact', min_total: 90, max_total: 90 },
    { grade: 1, name_zh: '轻度受损', name_en: 'Mild', min_total: 66, max_total: 89 },
    { grade: 2, name_zh: '中度受损', name_en: 'Moderate', min_total: 46, max_total: 65 },
    { grade: 3, name_zh: '重度受损', name_en: 'Severe', min_total: 30, max_total: 45 },
    { grade: 4, name_zh: '能力完全丧失', name_en: 'Lost', min_total: 0, max_total: 29 },
  ],
};

describe('assessment scoring', () => {
  it('sums each dimension over the answered items, zero scores included', () => {
    const sums = dimensionSums(form, { 'B.1.1': 4, 'B.1.2': 0, 'B.2.4': 3 });
    expect(sums).toEqual([
      { code: 'B.1', sum: 4, max: 8, answered: 2, items: 2 },
      { code: 'B.2', sum: 3, max: 7, answered: 1, items: 2 },
    ]);
    expect(answeredTotal(sums)).toBe(7);
  });

  it('lists the unanswered items in the form’s order', () => {
    expect(missingItems(form, { 'B.1.2': 0, 'B.2.1': undefined })).toEqual(['B.1.1', 'B.2.1', 'B.2.4']);
    expect(missingItems(form, { 'B.1.1': 1, 'B.1.2': 2, 'B.2.1': 0, 'B.2.4': 0 })).toEqual([]);
  });

  it('finds the grade band of a total at the edges', () => {
    expect(bandOf(form.grades, 90)?.grade).toBe(0);
    expect(bandOf(form.grades, 89)?.grade).toBe(1);
    expect(bandOf(form.grades, 66)?.grade).toBe(1);
    expect(bandOf(form.grades, 65)?.grade).toBe(2);
    expect(bandOf(form.grades, 45)?.grade).toBe(3);
    expect(bandOf(form.grades, 29)?.grade).toBe(4);
    expect(bandOf(form.grades, 0)?.grade).toBe(4);
    expect(bandOf(form.grades, 91)).toBeUndefined();
  });

  it('reads item and condition codes out of field errors', () => {
    expect(itemOfField('items.B.2.3')).toBe('B.2.3');
    expect(itemOfField('resident_id')).toBeUndefined();
    expect(itemOfField('items.')).toBeUndefined();
    expect(conditionOfField('conditions.risk_events_30d')).toBe('risk_events_30d');
  });

  it('offers the scores highest first', () => {
    expect(scoresOf(form.items[3]!)).toEqual([3, 2, 1, 0]);
    expect(scoresOf({ min_score: 0, max_score: 2, levels: [{ score: 0 }, { score: 2 }, { score: 1 }] })).toEqual([2, 1, 0]);
  });
});
