import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/client';

import { describeError, fieldError } from './localErrors';

const texts: Record<string, string> = {
  'errors.invalid_argument': '请检查「{field}」',
  'canteen.fields.seats_per_meal': '座位数',
  'canteen.conflicts.seats': '这一餐已订满',
  'timebank.notFound.account': '账号未关联居民',
};
const i18n = {
  t: (key: string, params?: Record<string, unknown>) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? '')),
  te: (key: string) => key in texts,
};

describe('describeError', () => {
  it('names the module’s own field label for a 400', () => {
    const error = new ApiError(400, 'invalid_argument', 'seats_per_meal must be positive', 'seats_per_meal');
    expect(describeError(error, 'canteen', i18n)).toBe('请检查「座位数」');
    expect(fieldError(error, 'canteen', i18n)).toEqual({ seats_per_meal: '请检查「座位数」' });
  });
  it('says what a 409 on a field means', () => {
    expect(describeError(new ApiError(409, 'conflict', 'full', 'seats'), 'canteen', i18n)).toBe('这一餐已订满');
  });
  it('says what a 404 on a field means', () => {
    expect(describeError(new ApiError(404, 'not_found', 'x', 'account'), 'timebank', i18n)).toBe('账号未关联居民');
  });
  it('falls back to the app’s text', () => {
    const error = new ApiError(400, 'invalid_argument', 'odd', 'nothing_known');
    expect(describeError(error, 'canteen', i18n)).not.toBe('');
    expect(fieldError(new Error('x'), 'canteen', i18n)).toEqual({});
  });
});
