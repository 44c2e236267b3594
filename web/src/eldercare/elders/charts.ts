// The two small charts of the elder's file, as ECharts options built from the file's data: the
// history of assessment totals (a line, oldest first, with the grade bands' edges marked) and the
// care plan's visits this month (planned vs delivered, a bar pair per service). Pure: the labels
// come in already translated.
import type { AssessmentSummary, CarePlanItem } from '../api';

export interface HistoryPoint {
  date: string;
  total: number;
  grade: number;
}

/** The history as points, oldest first (the server sends newest first); one point per id. */
export function historyPoints(history: readonly AssessmentSummary[]): HistoryPoint[] {
  const seen = new Set<number>();
  return history
    .filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)))
    .map((a) => ({ date: a.assessed_on, total: a.total, grade: a.grade, id: a.id }))
    .sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1))
    .map(({ date, total, grade }) => ({ date, total, grade }));
}

/** The edges of GB/T 42195's grade bands on the total axis (0–29, 30–45, 46–65, 66–89, 90). */
export const GRADE_EDGES = [30, 46, 66, 90] as const;

export function historyOption(points: readonly HistoryPoint[], labels: { total: string; max: number }) {
  return {
    animation: false,
    grid: { left: 40, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => p.date), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: labels.max, interval: 30 },
    series: [
      {
        name: labels.total,
        type: 'line',
        data: points.map((p) => p.total),
        symbolSize: 8,
        label: { show: true, position: 'top' },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#c0c4cc' },
          label: { show: false },
          data: GRADE_EDGES.map((y) => ({ yAxis: y })),
        },
      },
    ],
  };
}

export interface PlanBars {
  services: string[];
  planned: number[];
  delivered: number[];
}

/** The plan's items as bar data: the plan's visits per month against those delivered so far. */
export function planBars(items: readonly CarePlanItem[], name: (item: CarePlanItem) => string): PlanBars {
  return {
    services: items.map(name),
    planned: items.map((i) => i.visits_per_month),
    delivered: items.map((i) => i.delivered_this_month),
  };
}

export function planOption(bars: PlanBars, labels: { planned: string; delivered: string }) {
  return {
    animation: false,
    grid: { left: 100, right: 24, top: 28, bottom: 20 },
    legend: { data: [labels.planned, labels.delivered], top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: bars.services, inverse: true },
    series: [
      { name: labels.planned, type: 'bar', data: bars.planned, itemStyle: { color: '#a0cfff' }, label: { show: true, position: 'right' } },
      { name: labels.delivered, type: 'bar', data: bars.delivered, itemStyle: { color: '#1f6fb2' }, label: { show: true, position: 'right' } },
    ],
  };
}

/** Share of the month's planned visits delivered, 0–100 (100 when nothing is planned). */
export function deliveredPercent(items: readonly CarePlanItem[]): number {
  const planned = items.reduce((s, i) => s + i.visits_per_month, 0);
  if (planned <= 0) return 100;
  const delivered = items.reduce((s, i) => s + Math.min(i.delivered_this_month, i.visits_per_month), 0);
  return Math.round((delivered / planned) * 100);
}
