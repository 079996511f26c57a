import type { JobRunRecord, PeriodRecord, WaveStore } from '../../app/notification-ports.ts';
import { MANUAL_WAVE_PREFIX } from '../../app/manual-reminder-wave.ts';
import type { OutboxDraft } from '../../app/outbox-ports.ts';
import type { PrismaClient } from '../database.ts';
import { isUniqueViolation } from '../prisma-errors.ts';
import { writeOutboxDrafts } from './outbox-repository.ts';


/** The last recorded run of one job (and form). */
export interface LastJobRun {
  job: string;
  formId: string | null;
  key: string;
  status: string;
  scheduledFor: Date;
  finishedAt: Date | null;
}

/**
 * Job runs. A wave's run row, its period row and its outbox messages are written in one transaction,
 * and the run's key is unique: a second attempt at the same wave (a restart, another worker) writes
 * nothing at all.
 */
export class JobRunRepository implements WaveStore {
  constructor(private readonly prisma: PrismaClient) {}

  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.prisma.jobRun.findMany({ where: { key: { in: [...keys] } }, select: { key: true } });
    return new Set(rows.map((row) => row.key));
  }

  async commitWave(run: JobRunRecord, messages: OutboxDraft[], period: PeriodRecord | null, now: Date): Promise<'done' | 'already'> {
    try {
      await this.prisma.$transaction(
        async (tx) => {
          await tx.jobRun.create({
            data: { key: run.key, job: run.job, formId: run.formId, periodKey: run.periodKey, wave: run.wave, status: 'done', scheduledFor: run.scheduledFor, startedAt: now, finishedAt: now, detail: JSON.stringify(run.detail) },
          });
          if (period) {
            const times = { opensAt: period.opensAt, dueAt: period.dueAt, closesAt: period.closesAt };
            await tx.period.upsert({
              where: { formId_key: { formId: period.formId, key: period.key } },
              create: { formId: period.formId, key: period.key, ...times, announcedAt: period.announcedAt },
              update: period.announcedAt ? { announcedAt: period.announcedAt } : {},
            });
          }
          await writeOutboxDrafts(tx, messages, now);
        },
        { timeout: 60_000 },
      );
      return 'done';
    } catch (error) {
      if (isUniqueViolation(error)) return 'already';
      throw error;
    }
  }

  async recordSkipped(run: JobRunRecord, now: Date): Promise<void> {
    try {
      await this.prisma.jobRun.create({
        data: { key: run.key, job: run.job, formId: run.formId, periodKey: run.periodKey, wave: run.wave, status: 'skipped', scheduledFor: run.scheduledFor, startedAt: now, finishedAt: now, detail: JSON.stringify(run.detail) },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async latestScheduledFor(): Promise<Date | null> {
    const row = await this.prisma.jobRun.findFirst({
      where: { NOT: { wave: { startsWith: MANUAL_WAVE_PREFIX } } },
      orderBy: { scheduledFor: 'desc' },
      select: { scheduledFor: true },
    });
    return row?.scheduledFor ?? null;
  }

  /** The newest run of every job and form pair. */
  async lastRuns(): Promise<LastJobRun[]> {
    const groups = await this.prisma.jobRun.groupBy({ by: ['job', 'formId'], _max: { scheduledFor: true } });
    const found: LastJobRun[] = [];
    for (const group of groups) {
      const row = await this.prisma.jobRun.findFirst({
        where: { job: group.job, formId: group.formId, scheduledFor: group._max.scheduledFor ?? undefined },
        orderBy: { id: 'desc' },
      });
      if (row) found.push({ job: row.job, formId: row.formId, key: row.key, status: row.status, scheduledFor: row.scheduledFor, finishedAt: row.finishedAt });
    }
    return found;
  }
}
