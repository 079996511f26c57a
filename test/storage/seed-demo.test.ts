import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrismaClient, migrateDatabase } from '../../src/storage/database.ts';
import { DEMO_UNITS } from '../../src/storage/demo-province.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

describe('demo province', () => {
  it('should load the province with its kinds, Sở Nội vụ and its supervisors', async () => {
    const path = join(tempDir(), 'seed.db');
    migrateDatabase(path);
    const prisma = createPrismaClient(path);
    await seedDemoProvince(prisma);
    const units = await prisma.unit.findMany();
    expect(units.length).toBeGreaterThanOrEqual(31);
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['province', 'department', 'agency', 'association', 'grassroots']));
    const snv = units.find((u) => u.name === 'Sở Nội vụ');
    expect(snv).toBeDefined();
    const supervisors = await prisma.role.findMany({ where: { role: 'supervisor', unit: { code: 'UBND' } }, include: { contact: true } });
    expect(supervisors.length).toBeGreaterThanOrEqual(2);
    await prisma.$disconnect();
  });

  it('should leave the same rows when run twice', async () => {
    const path = join(tempDir(), 'seed.db');
    migrateDatabase(path);
    const prisma = createPrismaClient(path);
    const dump = async () =>
      JSON.stringify({
        units: await prisma.unit.findMany({ orderBy: { id: 'asc' }, select: { id: true, code: true, name: true, kind: true, parentId: true, active: true } }),
        contacts: await prisma.contact.findMany({ orderBy: { id: 'asc' }, select: { id: true, externalKey: true, name: true, phone: true } }),
        roles: await prisma.role.findMany({ orderBy: { id: 'asc' }, select: { id: true, contactId: true, unitId: true, role: true } }),
        identities: await prisma.channelIdentity.findMany({ orderBy: { id: 'asc' }, select: { id: true, contactId: true, channel: true, userId: true } }),
      });
    const first = await seedDemoProvince(prisma);
    const before = await dump();
    const second = await seedDemoProvince(prisma);
    expect(await dump()).toBe(before);
    expect(first.units).toBe(DEMO_UNITS.length);
    expect(second.created).toBe(0);
    await prisma.$disconnect();
  });
});
