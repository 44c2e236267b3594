// A resident's tags as the edit form holds them (names, and one disability level for 残疾) and as
// PATCH /residents/{id} takes them ([{tag, disability_level?}]).
import type { ResidentTag } from './api';

export interface TagBody {
  tag: string;
  disability_level?: number;
}

/** The tags to send: each name once, in order; the level only on `disabled`, and only when set. */
export function residentTagsBody(names: readonly string[], disabilityLevel: number | undefined): TagBody[] {
  const seen = new Set<string>();
  const out: TagBody[] = [];
  for (const tag of names) {
    if (seen.has(tag)) continue;
    seen.add(tag);
    out.push(tag === 'disabled' && disabilityLevel !== undefined ? { tag, disability_level: disabilityLevel } : { tag });
  }
  return out;
}

/** Whether `body` says the same as the tags the server has, order aside. */
export function sameTags(body: readonly TagBody[], current: readonly ResidentTag[]): boolean {
  const key = (tag: string, level: number | null | undefined) => `${tag}:${level ?? ''}`;
  const a = body.map((t) => key(t.tag, t.disability_level)).sort();
  const b = current.map((t) => key(t.tag, t.disability_level)).sort();
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
