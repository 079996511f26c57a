import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestComposer } from '../../../src/app/digest/digest-composer.ts';
import type { PrismaClient } from '../../../src/storage/database.ts';
import { ContactRepository } from '../../../src/storage/repositories/contact-repository.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { MONDAY, reportDeps, seedDigestDatabase } from './digest-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

describe('the weekly digest composer', () => {
  it('should write a supervisor’s digest in their language with the chart and the workbook attached', async () => {
    const seeded = await seedDigestDatabase(tempDir());
    prisma = seeded.prisma;
    await prisma.contact.update({ where: { id: seeded.contacts.syt }, data: { locale: 'en' } });
    const published: Buffer[] = [];
    const compose = createDigestComposer({
      ...reportDeps(seeded.prisma, seeded.path),
      contacts: new ContactRepository(seeded.prisma),
      charts: { publish: (png) => (published.push(png), 'https://bot.example/charts/abc.png') },
    });
    const payload = await compose(seeded.contacts.syt, MONDAY);
    expect(payload?.locale).toBe('en');
    expect(payload?.reply.lines[0]).toMatchObject({ key: 'digest.title' });
    const [photo, document] = payload?.attachments ?? [];
    expect(photo).toMatchObject({ kind: 'photo', contentType: 'image/png', url: 'https://bot.example/charts/abc.png', caption: { key: 'digest.chart_caption' } });
    const png = Buffer.from(photo?.base64 ?? '', 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(published[0]?.equals(png)).toBe(true);
    expect(document).toMatchObject({ kind: 'document', filename: 'digest-2026-11-30.xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(document?.base64 ?? '', 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Indicators', 'Reports filed', 'Review', 'Returned over 3 days', 'Below target', 'Unreachable']);
  });

  it('should compose nothing for a reporter, and no URL without a public base address', async () => {
    const seeded = await seedDigestDatabase(tempDir());
    prisma = seeded.prisma;
    const compose = createDigestComposer({ ...reportDeps(seeded.prisma), contacts: new ContactRepository(seeded.prisma) });
    expect(await compose(seeded.contacts.stp, MONDAY)).toBeNull();
    expect(await compose(99_999, MONDAY)).toBeNull();
    const payload = await compose(seeded.contacts.province, MONDAY);
    expect(payload?.locale).toBe('vi');
    expect(payload?.attachments?.[0]?.url).toBeUndefined();
    expect(payload?.attachments?.[1]?.filename).toBe('tong-hop-2026-11-30.xlsx');
  });
});
