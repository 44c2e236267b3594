import { describe, expect, it } from 'vitest';

import type { CarePlanItem } from '../api';
import { deliveredPercent, historyOption, historyPoints, planBars, planOption } from './charts';

const item = (code: string, perMonth: number, delivered: number): CarePlanItem => ({
  service_code: code,
  service_name_zh: code === 'bathing' ? '助浴' : '助洁',
  service_name_en: code,
  visits_per_month: perMonth,
  delivered_this_month: delivered,
  planned_this_month: perMonth,
});

describe('elder file charts', () => {
  it('puts the assessment history oldest first, without repeats', () => {
    const history = [
      { id: 9, assessed_on: '2026-11-01', total: 40, grade: 3, grade_name: '重度受损' },
      { id: 4, assessed_on: '2025-11-02', total: 70, grade: 1, grade_name: '轻度受损' },
      { id: 6, assessed_on: '2026-05-01', total: 55, grade: 2, grade_name: '中度受损' },
      { id: 9, assessed_on: '2026-11-01', total: 40, grade: 3, grade_name: '重度受损' },
    ];
    const points = historyPoints(history);
    expect(points).toEqual([
      { date: '2025-11-02', total: 70, grade: 1 },
      { date: '2026-05-01', total: 55, grade: 2 },
      { date: '2026-11-01', total: 40, grade: 3 },
    ]);
    const option = historyOption(points, { total: '总分', max: 90 });
    expect(option.xAxis.data).toEqual(['2025-11-02', '2026-05-01', '2026-11-01']);
    expect(option.series[0]!.data).toEqual([70, 55, 40]);
    expect(option.series[0]!.markLine.data).toEqual([{ yAxis: 30 }, { yAxis: 46 }, { yAxis: 66 }, { yAxis: 90 }]);
  });

  it('draws planned against delivered per service', () => {
    const items = [item('bathing', 4, 1), item('cleaning', 2, 3)];
    const bars = planBars(items, (i) => i.service_name_zh);
    expect(bars).toEqual({ services: ['助浴', '助洁'], planned: [4, 2], delivered: [1, 3] });
    const option = planOption(bars, { planned: '计划', delivered: '已完成' });
    expect(option.series.map((s) => s.name)).toEqual(['计划', '已完成']);
    // Over-delivery of one service does not make up for another: (1 + 2) of 6.
    expect(deliveredPercent(items)).toBe(50);
    expect(deliveredPercent([])).toBe(100);
  });
});
