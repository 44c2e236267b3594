import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/client';

import { exportUrl, readImportAnswer, reportCsv, summariseReport, templateUrl } from './importFile';

describe('readImportAnswer', () => {
  it('reads an import and a check', () => {
    expect(readImportAnswer(200, { imported: 12 }, false)).toEqual({
      ok: true,
      checkOnly: false,
      imported: 12,
      checked: undefined,
    });
    expect(readImportAnswer(200, { imported: 0, checked: 7 }, true)).toEqual({
      ok: true,
      checkOnly: true,
      imported: 0,
      checked: 7,
    });
  });

  it('reads the row report of a refused file', () => {
    const outcome = readImportAnswer(
      422,
      {
        error: {
          code: 'invalid_argument',
          message: '2 rows have errors; nothing was imported',
          error_count: 2,
          rows: [
            { row: 3, column: 'id_number', value: '1101**********1234', reason: 'check character' },
            { row: 1, column: '', value: null, reason: 'wrong number of fields' },
          ],
        },
      },
      true,
    );
    expect(outcome).toEqual({
      ok: false,
      message: '2 rows have errors; nothing was imported',
      errorCount: 2,
      rows: [
        { row: 3, column: 'id_number', value: '1101**********1234', reason: 'check character' },
        { row: 1, column: '', value: '', reason: 'wrong number of fields' },
      ],
    });
  });

  it('throws the other failures as ApiError', () => {
    const attempt = () =>
      readImportAnswer(415, { error: { code: 'unsupported_media_type', message: 'text/csv' } }, false);
    expect(attempt).toThrow(ApiError);
    try {
      attempt();
    } catch (error) {
      expect((error as ApiError).status).toBe(415);
      expect((error as ApiError).code).toBe('unsupported_media_type');
    }
    expect(() => readImportAnswer(413, undefined, false)).toThrow(/HTTP 413/);
    // A 422 without rows is an ordinary error, not an empty report.
    expect(() => readImportAnswer(422, { error: { code: 'invalid_argument', message: 'x' } }, false)).toThrow(
      ApiError,
    );
  });
});

describe('summariseReport', () => {
  it('counts rows, faults per column (most first) and the faults not listed', () => {
    const rows = [
      { row: 2, column: 'phone', value: '', reason: '' },
      { row: 2, column: 'id_number', value: '', reason: '' },
      { row: 5, column: 'phone', value: '', reason: '' },
      { row: 9, column: '', value: '', reason: '' },
    ];
    expect(summariseReport(1200, rows)).toEqual({
      faults: 1200,
      rows: 3,
      unlisted: 1196,
      byColumn: [
        { column: 'phone', count: 2 },
        { column: '', count: 1 },
        { column: 'id_number', count: 1 },
      ],
    });
    expect(summariseReport(0, []).faults).toBe(0);
  });
});

describe('reportCsv', () => {
  it('quotes what needs quoting and starts with a byte order mark for Excel', () => {
    const text = reportCsv([{ row: 4, column: 'name', value: 'a,"b"', reason: 'x\ny' }], ['行', '列', '值', '原因']);
    expect(text).toBe('\uFEFF行,列,值,原因\r\n4,name,"a,""b""","x\ny"\r\n');
  });
});

describe('addresses', () => {
  it('builds template and export URLs, leaving out unset filters', () => {
    expect(templateUrl('households')).toBe('/api/v1/imports/households/template');
    expect(exportUrl('residents', 'xlsx', { community: 3 })).toBe('/api/v1/residents/export.xlsx?community=3');
    expect(exportUrl('buildings', 'csv', { community: undefined })).toBe('/api/v1/buildings/export.csv');
    expect(exportUrl('households', 'csv', { building: 12 })).toBe('/api/v1/households/export.csv?building=12');
  });
});
