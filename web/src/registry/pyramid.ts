// The ECharts option of an age pyramid: one bar per 5-year band, men to the left (as negative
// values), women to the right, the axis and tooltip showing absolute numbers.
import type { AgeBand } from './api';

export interface PyramidLabels {
  male: string;
  female: string;
  ageBand: string;
  people: string;
}

export function pyramidOption(bands: readonly AgeBand[], labels: PyramidLabels) {
  const absolute = (value: number | string) => String(Math.abs(Number(value)));
  return {
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
      valueFormatter: (value: unknown) => absolute(value as number),
    },
    legend: { data: [labels.male, labels.female], top: 0 },
    grid: { left: 16, right: 24, top: 32, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value' as const,
      name: labels.people,
      minInterval: 1,
      axisLabel: { formatter: absolute },
    },
    yAxis: {
      type: 'category' as const,
      name: labels.ageBand,
      axisTick: { show: false },
      data: bands.map((band) => band.band),
    },
    series: [
      {
        name: labels.male,
        type: 'bar' as const,
        stack: 'population',
        barCategoryGap: '10%',
        itemStyle: { color: '#409eff' },
        data: bands.map((band) => -band.male),
      },
      {
        name: labels.female,
        type: 'bar' as const,
        stack: 'population',
        itemStyle: { color: '#f56c6c' },
        data: bands.map((band) => band.female),
      },
    ],
  };
}
