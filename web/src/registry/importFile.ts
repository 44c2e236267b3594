// Batch import and export of the registry (docs/registry.md, Import and Export): the upload of a
// CSV file to POST /imports/{kind} with its progress, the answer read into one shape (counts, or
// the row-by-row report of a refused file), and the addresses of the templates and exports.
//
// The upload goes through XMLHttpRequest rather than the JSON client: it sends text/csv, reports
// upload progress for long files, and needs the 422 body's `rows`, which ApiError does not keep.
import { API_BASE, ApiError } from '@/api/client';

export const IMPORT_KINDS = ['residents', 'buildings', 'households'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One fault of a refused file; `row` as a spreadsheet numbers it (the header is row 1). */
export interface ImportRowFault {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export type ImportOutcome =
  /** Every row passed. `imported` is 0 on a check (check_only), `checked` the rows read. */
  | { ok: true; checkOnly: boolean; imported: number; checked?: number }
  /** Refused: nothing stored. `errorCount` may exceed `rows.length` (the server lists 1,000). */
  | { ok: false; message: string; errorCount: number; rows: ImportRowFault[] };

/** Upload progress: a fraction 0…1, or undefined while the size is unknown. */
export type ProgressListener = (fraction: number | undefined) => void;

export function templateUrl(kind: ImportKind): string {
  return `${API_BASE}/imports/${kind}/template`;
}

export type ExportFormat = 'csv' | 'xlsx';

/** GET /{list}/export.{format}?…, e.g. exportUrl('residents', 'csv', {community: 3}). */
export function exportUrl(
  list: 'residents' | 'buildings' | 'households',
  format: ExportFormat,
  query: Record<string, number | string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return `${API_BASE}/${list}/export.${format}${text ? `?${text}` : ''}`;
}

/** Reads the server's answer to an import into an ImportOutcome; throws ApiError for the rest. */
export function readImportAnswer(status: number, body: unknown, checkOnly: boolean): ImportOutcome {
  const object = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (status >= 200 && status < 300) {
    const imported = typeof object.imported === 'number' ? object.imported : 0;
    const checked = typeof object.checked === 'number' ? object.checked : undefined;
    return { ok: true, checkOnly, imported, checked };
  }
  const error = (object.error && typeof object.error === 'object' ? object.error : {}) as Record<string, unknown>;
  if (status === 422 && Array.isArray(error.rows)) {
    const rows = error.rows.map((raw): ImportRowFault => {
      const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      return {
        row: typeof r.row === 'number' ? r.row : 0,
        column: typeof r.column === 'string' ? r.column : '',
        value: r.value === undefined || r.value === null ? '' : String(r.value),
        reason: typeof r.reason === 'string' ? r.reason : '',
      };
    });
    const errorCount = typeof error.error_count === 'number' ? error.error_count : rows.length;
    return { ok: false, message: typeof error.message === 'string' ? error.message : '', errorCount, rows };
  }
  const code = typeof error.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error.message === 'string' ? error.message : `HTTP ${status}`;
  const field = typeof error.field === 'string' ? error.field : undefined;
  throw new ApiError(status, code, message, field);
}

/** What a refused file's report sums up to: the rows at fault and the faults per column. */
export interface ImportReportSummary {
  faults: number;
  /** Distinct rows at fault among those listed. */
  rows: number;
  /** How many more faults there are than listed. */
  unlisted: number;
  /** Faults per column, most first; '' is the whole row. */
  byColumn: { column: string; count: number }[];
}

export function summariseReport(errorCount: number, rows: readonly ImportRowFault[]): ImportReportSummary {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.column, (counts.get(row.column) ?? 0) + 1);
  const byColumn = [...counts]
    .map(([column, count]) => ({ column, count }))
    .sort((a, b) => b.count - a.count || a.column.localeCompare(b.column));
  return {
    faults: Math.max(errorCount, rows.length),
    rows: new Set(rows.map((r) => r.row)).size,
    unlisted: Math.max(0, errorCount - rows.length),
    byColumn,
  };
}

/** The faults as a CSV the user can open next to their file (row, column, value, reason). */
export function reportCsv(rows: readonly ImportRowFault[], header: readonly string[]): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header.map(cell).join(',')];
  for (const r of rows) lines.push([r.row, r.column, r.value, r.reason].map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Sends `file` to POST /imports/{kind} (with ?check_only=true to only check it). Resolves to the
 * outcome, rejects with ApiError for anything else (401, 403, 413, a network failure).
 */
export function uploadImport(
  kind: ImportKind,
  file: Blob,
  options: { checkOnly: boolean; language: string; onProgress?: ProgressListener },
): Promise<ImportOutcome> {
  const url = `${API_BASE}/imports/${kind}${options.checkOnly ? '?check_only=true' : ''}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', options.language);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      options.onProgress?.(event.lengthComputable && event.total > 0 ? event.loaded / event.total : undefined);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'cannot reach the server'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      try {
        resolve(readImportAnswer(xhr.status, body, options.checkOnly));
      } catch (error) {
        reject(error);
      }
    };
    xhr.send(file);
  });
}
