import { describe, expect, it } from 'vitest';

import type { HomeCareOrder, MyElderCare } from './api';
import { buildAgenda } from './agenda';

function order(id: number, over: Partial<HomeCareOrder>): HomeCareOrder {
  return {
    id,
    resident_id: 11,
    resident_name: '王奶奶',
    service_code: 'cleaning',
    service_name_zh: '助洁',
    service_name_en: 'Cleaning',
    date: '2026-12-02',
    window_start: '08:00',
    window_end: '12:00',
    status: 'requested',
    note: null,
    price_fen: 6000,
    subsidy_fen: 0,
    pay_fen: 6000,
    visit_id: null,
    ...over,
  };
}

const mine: MyElderCare = {
  members: [{ resident_id: 11, name: '王奶奶', age: 80 }],
  meals: [
    { order_id: 5, resident_id: 11, canteen_name: '幸福食堂', date: '2026-12-02', meal: 'lunch', mode: 'dine_in', price_fen: 700 },
    { order_id: 6, resident_id: 11, canteen_name: '幸福食堂', date: '2026-12-01', meal: 'dinner', mode: 'pickup', price_fen: 1500 },
    { order_id: 4, resident_id: 11, canteen_name: '幸福食堂', date: '2026-11-29', meal: 'lunch', mode: 'dine_in', price_fen: 700 },
  ],
  visits: [
    {
      id: 31, order_id: 1, resident_id: 11, service_name_zh: '助洁', service_name_en: 'Cleaning', date: '2026-12-02',
      window_start: '08:00', window_end: '12:00', planned_start: '09:30', worker_name: '李护工', status: 'planned',
    },
    {
      id: 30, order_id: 3, resident_id: 11, service_name_zh: '助浴', service_name_en: 'Bathing', date: '2026-11-28',
      window_start: '13:00', window_end: '17:00', planned_start: '14:00', worker_name: '李护工', status: 'done', rating: null,
    },
    {
      id: 40, order_id: 8, resident_id: 11, service_name_zh: '陪伴', service_name_en: 'Companionship', date: '2026-12-03',
      window_start: '13:00', window_end: '17:00', planned_start: '13:00', worker_name: '张护工', status: 'planned',
    },
    {
      id: null, order_id: 2, resident_id: 11, service_name_zh: '助洁', service_name_en: 'Cleaning', date: '2026-12-01',
      window_start: '13:00', window_end: '17:00', planned_start: null, worker_name: null, status: 'requested',
    },
  ],
  timebank_balance_minutes: null,
};

describe('buildAgenda', () => {
  const orders = [
    order(1, { status: 'scheduled', visit_id: 31 }),
    order(2, { date: '2026-12-01', window_start: '13:00', window_end: '17:00' }),
    order(3, { date: '2026-11-28', status: 'done', visit_id: 30, service_name_zh: '助浴' }),
    order(9, { date: '2026-12-05', status: 'cancelled' }),
  ];
  const agenda = buildAgenda(mine, orders, '2026-12-01');

  it('puts meals and visits in one list by day and time, past and cancelled left out', () => {
    expect(agenda.upcoming.map((item) => item.key)).toEqual([
      'care-2', // 12-01 13:00 window, no caregiver yet
      'meal-6', // 12-01 dinner
      'care-1', // 12-02 planned 09:30
      'meal-5', // 12-02 lunch
      'care-8', // 12-03, its order not in the per-member lists
    ]);
  });

  it('joins a visit to its order: caregiver, planned time, cancellable by the order', () => {
    const planned = agenda.upcoming.find((item) => item.key === 'care-1');
    expect(planned).toMatchObject({ workerName: '李护工', plannedStart: '09:30', orderId: 1, canCancel: true });
    const alone = agenda.upcoming.find((item) => item.key === 'care-8');
    expect(alone).toMatchObject({ orderId: 8, visitId: 40, workerName: '张护工', canCancel: true });
    const waiting = agenda.upcoming.find((item) => item.key === 'care-2');
    expect(waiting).toMatchObject({ status: 'requested', workerName: null, canCancel: true });
  });

  it('offers the done visit for a rating, once', () => {
    expect(agenda.done.map((item) => [item.key, item.canRate])).toEqual([['care-3', true]]);
    const rated = buildAgenda(
      { ...mine, visits: mine.visits.map((v) => (v.id === 30 ? { ...v, rating: 4 } : v)) },
      orders,
      '2026-12-01',
    );
    expect(rated.done[0]).toMatchObject({ rating: 4, canRate: false });
  });

  it('works from the orders alone when /my/elder-care failed', () => {
    const alone = buildAgenda(null, orders, '2026-12-01');
    expect(alone.upcoming.map((item) => item.key)).toEqual(['care-2', 'care-1']);
  });

  it('does not offer to cancel a visit under way', () => {
    const busy = buildAgenda(
      { ...mine, visits: mine.visits.map((v) => (v.id === 31 ? { ...v, status: 'in_progress' } : v)) },
      orders,
      '2026-12-01',
    );
    expect(busy.upcoming.find((item) => item.key === 'care-1')).toMatchObject({ canCancel: false });
  });
});
