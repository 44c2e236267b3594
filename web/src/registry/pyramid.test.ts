import { describe, expect, it } from 'vitest';

import { pyramidOption } from './pyramid';

const labels = { male: '男', female: '女', ageBand: '年龄段', people: '人数' };

describe('pyramidOption', () => {
  it('puts men to the left as negative values and labels the axis with absolute numbers', () => {
    const option = pyramidOption(
      [
        { band: '0-4', male: 2, female: 1 },
        { band: '5-9', male: 0, female: 3 },
      ],
      labels,
    );
    expect(option.yAxis.data).toEqual(['0-4', '5-9']);
    expect(option.series[0]!.data).toEqual([-2, -0]);
    expect(option.series[1]!.data).toEqual([1, 3]);
    expect(option.xAxis.axisLabel.formatter(-5)).toBe('5');
    expect(option.tooltip.valueFormatter(-2)).toBe('2');
  });
});
