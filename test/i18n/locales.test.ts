import { describe, expect, it } from 'vitest';
import { loadAllCatalogs, placeholdersOf } from '../../src/i18n/catalog.ts';
import { formatDate, formatNumber, formatPercent } from '../../src/i18n/format.ts';
import { translate } from '../../src/i18n/translator.ts';

describe('locales', () => {
  const catalogs = loadAllCatalogs();

  it('should give Vietnamese and English exactly the same keys', () => {
    expect([...catalogs.en.keys()].sort()).toEqual([...catalogs.vi.keys()].sort());
    expect(catalogs.vi.size).toBeGreaterThan(0);
  });

  it('should use the same placeholders in both languages for every key', () => {
    for (const [key, vi] of catalogs.vi) {
      expect({ key, placeholders: placeholdersOf(catalogs.en.get(key) ?? '') }).toEqual({ key, placeholders: placeholdersOf(vi) });
    }
  });

  it('should have no empty text', () => {
    for (const catalog of Object.values(catalogs)) for (const [key, text] of catalog) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('should fill placeholders and fall back to Vietnamese then to the key', () => {
    expect(translate('en', 'cli.migrate_nothing', { count: 3 })).toContain('3');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('should format numbers and dates the Vietnamese way', () => {
    expect(formatNumber('vi', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatPercent('vi', 0.925)).toBe('92,5 %');
    expect(formatDate('vi', new Date('2026-11-26T20:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('27/11/2026');
  });
});
