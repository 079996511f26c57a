import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importContacts } from '../../../src/app/admin/import-contacts.ts';
import { importUnits, type ImportOutcome } from '../../../src/app/admin/import-units.ts';
import { renderProblems } from '../../../src/app/admin/import-problem.ts';
import type { Locale } from '../../../src/domain/localized-text.ts';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '../../../src/storage/database.ts';
import { ContactAdminRepository } from '../../../src/storage/repositories/contact-admin-repository.ts';
import { UnitRepository } from '../../../src/storage/repositories/unit-repository.ts';
import { seedDemoProvince } from '../../../src/storage/seed-demo.ts';

const TABLES = ['Unit', 'Contact', 'Role', 'ChannelIdentity', 'Invite', 'Submission', 'AuditLog'];

/** Every row of the tables an admin import may touch, as one string: equal strings mean an unchanged database. */
export function dump(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return JSON.stringify(TABLES.map((table) => db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all()));
  } finally {
    db.close();
  }
}

/** A migrated database with the demo province, and in-process import helpers over it. */
export async function demoDatabase(dir: string, seed = true) {
  const path = join(dir, 'bot.db');
  migrateDatabase(path);
  const prisma: PrismaClient = createPrismaClient(path);
  if (seed) await seedDemoProvince(prisma);
  return {
    path,
    prisma,
    units: (text: string | Uint8Array, fileName = 'units.csv', dryRun = false): Promise<ImportOutcome> =>
      importUnits(typeof text === 'string' ? Buffer.from(text) : text, fileName, new UnitRepository(prisma), { actor: 'cli', dryRun }),
    contacts: (text: string | Uint8Array, fileName = 'contacts.csv', dryRun = false): Promise<ImportOutcome> =>
      importContacts(typeof text === 'string' ? Buffer.from(text) : text, fileName, new ContactAdminRepository(prisma), { actor: 'cli', dryRun, locale: 'vi' }),
    close: () => prisma.$disconnect(),
  };
}

/** The problems of a refused import, rendered as the operator reads them. */
export function messagesOf(outcome: ImportOutcome, locale: Locale = 'en'): string[] {
  if (outcome.ok) throw new Error(`expected problems, got ${JSON.stringify(outcome.summary)}`);
  return renderProblems(locale, outcome.problems);
}

/** A units file of `count` rows below the demo province's root: 39 departments, the rest grassroots units. */
export function bigUnitsCsv(count = 2000): string {
  const lines = ['code,name,kind,parent_code', 'UBND,Uỷ ban nhân dân tỉnh,province,'];
  for (let index = 1; index < count; index += 1) {
    if (index < 40) lines.push(`D${index},Sở số ${index},department,UBND`);
    else lines.push(`G${index},Chi bộ cơ sở số ${index},grassroots,D${(index % 39) + 1}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A contacts file of `count` people, one per unit of `bigUnitsCsv`, each with their own phone. */
export function bigContactsCsv(count = 2000): string {
  const lines = ['name;unit_code;role;phone'];
  for (let index = 1; index <= count; index += 1) {
    const unit = index === 1 ? 'UBND' : index < 40 ? `D${index}` : `G${Math.min(index, count - 1)}`;
    lines.push(`Cán bộ số ${index};${unit};${index % 10 === 0 ? 'supervisor' : 'reporter'};09${String(10_000_000 + index).padStart(8, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}
