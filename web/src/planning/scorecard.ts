// The scorecard beside the planning map, as data: one row per checklist item of a community (from
// the assessment JSON), the top gaps in the user's language, and the rows of a "what if" with the
// share before and after. Pure, so vitest checks it without a browser.
import type { AssessedCommunity, AssessedItem, Assessment, Change, Gap, Nearest, WorkerAnswer } from './api';

export type Language = 'zh-CN' | 'en';

export interface ScorecardRow {
  item: string;
  facilityType: string | null;
  name: string;
  maxDistance: number | null;
  /** Minutes of walking the distance takes at the checklist's speed, when the server says. */
  maxMinutes: number | null;
  needsWorkerInput: boolean;
  /** 0…1; null for a worker-input item or a community without residents. */
  share: number | null;
  /** The share as a whole percentage (0…100), for the bar and the text; null as share. */
  percent: number | null;
  requiredPercent: number | null;
  pass: boolean | null;
  residentsCovered: number | null;
  residentsOutside: number | null;
  residentsOutside60: number | null;
  facilitiesOfType: number | null;
  medianNearest: Nearest | null;
  buildingsOffNetwork: number | null;
  /** On a worker-input item: the answer recorded, null until there is one. */
  workerAnswer: WorkerAnswer | null;
}

/** The name of something the server names in both languages. */
export function localName(named: { name_zh: string; name_en: string }, language: Language): string {
  return language === 'en' ? named.name_en || named.name_zh : named.name_zh || named.name_en;
}

/** A share 0…1 as a whole percentage, rounded to the nearest; null stays null. */
export function toPercent(share: number | null | undefined): number | null {
  if (share === null || share === undefined || !Number.isFinite(share)) return null;
  return Math.round(share * 100);
}

export function scorecardRow(item: AssessedItem, language: Language): ScorecardRow {
  const evidence = item.evidence;
  return {
    item: item.item,
    facilityType: item.facility_type,
    name: localName(item, language),
    maxDistance: item.max_distance_m,
    maxMinutes: item.max_walk_minutes ?? null,
    needsWorkerInput: item.needs_worker_input,
    share: item.share,
    percent: toPercent(item.share),
    requiredPercent: toPercent(item.required_share),
    pass: item.pass,
    residentsCovered: item.residents_covered,
    residentsOutside: evidence?.residents_outside ?? null,
    residentsOutside60: evidence?.residents_outside_60_plus ?? null,
    facilitiesOfType: evidence?.facilities_of_type ?? null,
    medianNearest: evidence?.median_nearest ?? null,
    buildingsOffNetwork: evidence?.buildings_off_network ?? null,
    workerAnswer: item.worker_answer ?? null,
  };
}

/**
 * The rows of a community's scorecard: the measured items first, in the checklist's order, then
 * those that need a worker's input (they have no figure to compare).
 */
export function scorecardRows(community: AssessedCommunity | undefined, language: Language): ScorecardRow[] {
  if (!community) return [];
  const rows = community.items.map((item) => scorecardRow(item, language));
  return [...rows.filter((r) => !r.needsWorkerInput), ...rows.filter((r) => r.needsWorkerInput)];
}

/** The assessment's entry for a community (ids compared as text: the server writes "12"). */
export function communityOf(
  assessment: Pick<Assessment, 'communities'> | undefined,
  community: number | string | undefined,
): AssessedCommunity | undefined {
  if (!assessment || community === undefined) return undefined;
  return assessment.communities.find((c) => String(c.id) === String(community));
}

export interface GapLine {
  item: string;
  facilityType: string;
  text: string;
  residentsOutside: number;
}

/**
 * The community's largest gaps, most residents outside first (60+ breaks ties), in the user's
 * language; at most `limit`.
 */
export function topGaps(
  gaps: readonly Gap[],
  community: number | string | undefined,
  language: Language,
  limit = 5,
): GapLine[] {
  return gaps
    .filter((g) => community === undefined || String(g.community_id) === String(community))
    .filter((g) => g.pass !== true)
    .slice()
    .sort(
      (a, b) =>
        b.residents_outside - a.residents_outside || b.residents_outside_60_plus - a.residents_outside_60_plus,
    )
    .slice(0, limit)
    .map((g) => ({
      item: g.item,
      facilityType: g.facility_type,
      text: language === 'en' ? g.message_en || g.message_zh : g.message_zh || g.message_en,
      residentsOutside: g.residents_outside,
    }));
}

/** How a what-if changed one item: whole percentages before and after, and the direction. */
export interface ItemChange {
  item: string;
  facilityType: string;
  percentBefore: number | null;
  percentAfter: number | null;
  /** After minus before, in percentage points (of the rounded values shown). */
  delta: number | null;
  direction: 'up' | 'down' | 'same';
  coveredBefore: number | null;
  coveredAfter: number | null;
}

/** The what-if's changes of one community, keyed by item, as the scorecard shows them. */
export function changesByItem(
  changes: readonly Change[],
  community: number | string | undefined,
): Map<string, ItemChange> {
  const out = new Map<string, ItemChange>();
  for (const change of changes) {
    if (community !== undefined && String(change.community_id) !== String(community)) continue;
    const before = toPercent(change.share_before);
    const after = toPercent(change.share_after);
    const delta = before === null || after === null ? null : after - before;
    const coveredDelta =
      change.residents_covered_before === null || change.residents_covered_after === null
        ? 0
        : change.residents_covered_after - change.residents_covered_before;
    // The residents decide the direction when the rounded percentages do not show it.
    const direction = delta !== null && delta !== 0 ? (delta > 0 ? 'up' : 'down') : coveredDelta > 0 ? 'up' : coveredDelta < 0 ? 'down' : 'same';
    out.set(change.item, {
      item: change.item,
      facilityType: change.facility_type,
      percentBefore: before,
      percentAfter: after,
      delta,
      direction,
      coveredBefore: change.residents_covered_before,
      coveredAfter: change.residents_covered_after,
    });
  }
  return out;
}

/**
 * The changes of a community computed from two assessments, for when the server's `changes` list
 * leaves out the items that did not move: every measured item, with its share before and after.
 */
export function diffCommunities(
  before: AssessedCommunity | undefined,
  after: AssessedCommunity | undefined,
): Change[] {
  if (!before || !after) return [];
  const afterItems = new Map(after.items.map((i) => [i.item, i]));
  const out: Change[] = [];
  for (const item of before.items) {
    if (item.needs_worker_input || item.facility_type === null) continue;
    const next = afterItems.get(item.item);
    if (!next) continue;
    out.push({
      community_id: before.id,
      item: item.item,
      facility_type: item.facility_type,
      share_before: item.share,
      share_after: next.share,
      residents_covered_before: item.residents_covered,
      residents_covered_after: next.residents_covered,
    });
  }
  return out;
}
