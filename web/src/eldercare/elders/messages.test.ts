// Every `eldercare.*` text the worker's eldercare pages ask for exists in zh-CN (en.ts is typed
// against it), and so do the texts picked by code at run time (statuses, kinds, reasons…).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import zhCN from '@/i18n/zh-CN';

import { WORKER_KINDS } from '../api';
import { SKILLS } from './labels';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['elders', 'assessment', 'homecare', 'workforce'];

function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), zhCN);
}

function sources(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder))
      .filter((name) => /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts'))
      .map((name) => readFileSync(join(ROOT, folder, name), 'utf8')),
  );
}

describe('eldercare messages', () => {
  it('has every key the pages use literally', () => {
    const keys = new Set(sources().flatMap((text) => [...text.matchAll(/'(eldercare\.[\w.]+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((key) => typeof lookup(key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('has the texts chosen by code', () => {
    const dynamic: [string, readonly string[]][] = [
      ['eldercare.orderStatus', ['requested', 'scheduled', 'done', 'missed', 'cancelled']],
      ['eldercare.visitStatus', ['planned', 'in_progress', 'done', 'missed', 'cancelled']],
      ['eldercare.certStatus', ['valid', 'expiring', 'expired', 'revoked']],
      ['eldercare.workerKind', WORKER_KINDS],
      ['eldercare.skills', SKILLS],
      ['eldercare.elders.filters', ['all', 'living_alone', 'disabled', 'alerts']],
      ['eldercare.homecare.flags', ['late', 'missed', 'away']],
      ['eldercare.homecare.unplacedReasons', ['no_qualified_caregiver', 'no_time_left', 'unreachable']],
      ['eldercare.homecare.travelSources', ['walking_network', 'straight_line']],
      ['eldercare.homecare.methods', ['insertion', 'nearest_neighbour']],
      ['eldercare.homecare.views', ['map', 'timeline', 'table']],
      ['eldercare.assessment.reasons', ['first', 'regular', 'immediate', 'review', 'other']],
      ['eldercare.assessment.adjustmentCodes', ['coma', 'dementia', 'psychiatric', 'risk_events']],
      ['eldercare.workforce.reminderKinds', ['certificate_expiring', 'certificate_expired', 'training_short']],
      ['eldercare.workforce.problems', ['required', 'hours', 'weekdays', 'lat', 'lon', 'validTo', 'hoursPositive']],
      ['eldercare.severity', ['high', 'medium']],
      ['eldercare.grade.names', ['0', '1', '2', '3', '4']],
      ['eldercare.weekdays.short', ['1', '2', '3', '4', '5', '6', '7']],
      ['eldercare.file.visits', ['upcoming', 'recent']],
      ['eldercare.meals.names', ['lunch', 'dinner']],
      ['eldercare.sex', ['male', 'female']],
    ];
    const missing = dynamic.flatMap(([prefix, codes]) => codes.map((c) => `${prefix}.${c}`)).filter((key) => typeof lookup(key) !== 'string');
    expect(missing).toEqual([]);
  });
});
