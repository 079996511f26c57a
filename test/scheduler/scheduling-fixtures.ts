import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Clock } from '../../src/app/ports.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import type { Form } from '../../src/domain/index.ts';
import { createLogger, type Logger } from '../../src/logging/logger.ts';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return this.current;
  }
  set(at: Date): void {
    this.current = at;
  }
}

/** A clock that runs at real speed from a chosen instant (for retries that wait a little). */
export function runningClock(from: Date): Clock {
  const start = Date.now();
  return { now: () => new Date(from.getTime() + (Date.now() - start)) };
}

/** The shipped forms, by id. */
export function shippedForms(): Map<string, Form> {
  return new Map(readFormFolder().map((file) => [file.form.id, file.form]));
}

/** A migrated database in a temporary folder. */
export function openTestDatabase(dir: string): { prisma: PrismaClient; path: string } {
  const path = join(dir, 'scheduling.db');
  migrateDatabase(path);
  return { prisma: createPrismaClient(path), path };
}

/** Configuration as a test wants it (no tokens unless given). */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ DATABASE_URL: 'file:./unused.db', ...env });
}

/** A logger whose lines the test can read. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger({ level: 'debug', pretty: false, secrets: [], destination: sink }), lines };
}

/** One person of the test province. */
export interface PersonSpec {
  name: string;
  locale?: 'vi' | 'en';
  roles: Array<{ unit: string; role: 'reporter' | 'supervisor' | 'admin' }>;
  telegram?: number;
  zalo?: string;
  console?: boolean;
  lastChannel?: string;
}

/**
 * A small province: UBND with two departments (STP, SYT), a hospital under SYT, an inactive unit and
 * a unit without reporters. Returns the ids of units and contacts by name.
 */
export async function seedProvince(prisma: PrismaClient, people: PersonSpec[]): Promise<{ units: Map<string, number>; contacts: Map<string, number> }> {
  const units = new Map<string, number>();
  const specs: Array<[string, string, string | null, boolean]> = [
    ['UBND', 'Uỷ ban nhân dân tỉnh', null, true],
    ['STP', 'Sở Tư pháp', 'UBND', true],
    ['SYT', 'Sở Y tế', 'UBND', true],
    ['BVDK', 'Bệnh viện Đa khoa tỉnh', 'SYT', true],
    ['OLD', 'Đơn vị đã giải thể', 'UBND', false],
    ['EMPTY', 'Đơn vị chưa có người báo cáo', 'UBND', true],
  ];
  for (const [code, name, parent, active] of specs) {
    const row = await prisma.unit.create({ data: { code, name, kind: parent ? 'department' : 'province', parentId: parent ? units.get(parent) ?? null : null, active } });
    units.set(code, row.id);
  }
  const contacts = new Map<string, number>();
  for (const person of people) {
    const contact = await prisma.contact.create({ data: { name: person.name, locale: person.locale ?? 'vi', lastChannel: person.lastChannel ?? null } });
    contacts.set(person.name, contact.id);
    for (const role of person.roles) await prisma.role.create({ data: { contactId: contact.id, unitId: units.get(role.unit) ?? 0, role: role.role } });
    if (person.telegram !== undefined) {
      await prisma.channelIdentity.create({ data: { contactId: contact.id, channel: 'telegram', userId: String(person.telegram), chatId: String(person.telegram) } });
    }
    if (person.zalo !== undefined) await prisma.channelIdentity.create({ data: { contactId: contact.id, channel: 'zalo', userId: person.zalo, chatId: person.zalo } });
    if (person.console) await prisma.channelIdentity.create({ data: { contactId: contact.id, channel: 'console', userId: 'console', chatId: 'console' } });
  }
  return { units, contacts };
}

/** Records a unit's submission as the dialog would (only the row the scheduler reads). */
export async function submit(prisma: PrismaClient, unitId: number, formId: string, periodKey: string, at: Date): Promise<void> {
  await prisma.submission.create({
    data: { unitId, formId, periodKey, currentRevision: 1, formVersion: 1, answers: '{}', firstSubmittedAt: at, submittedAt: at, late: false },
  });
}

/** The hour of an instant in Hanoi. */
export function hanoiHour(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(at));
}
