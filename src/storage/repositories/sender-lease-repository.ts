import { randomUUID } from 'node:crypto';
import type { SenderLocks } from '../../app/ports.ts';
import type { PrismaClient } from '../database.ts';
import { isUniqueViolation } from '../prisma-errors.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sender leases in the database: taking one is an insert (the primary key makes it exclusive), or a
 * conditional update of an expired one; giving it back deletes it. Works the same on SQLite and
 * PostgreSQL, and across any number of workers.
 */
export class SenderLeaseRepository implements SenderLocks {
  readonly owner = randomUUID();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly leaseMs = 30_000,
    private readonly waitMs = 20_000,
  ) {}

  async acquire(senderKey: string): Promise<boolean> {
    const deadline = Date.now() + this.waitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const until = new Date(Date.now() + this.leaseMs);
      try {
        await this.prisma.senderLease.create({ data: { senderKey, owner: this.owner, until } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const stolen = await this.prisma.senderLease.updateMany({ where: { senderKey, until: { lt: new Date() } }, data: { owner: this.owner, until } });
      if (stolen.count === 1) return true;
      if (Date.now() > deadline) return false;
      await sleep(delay);
    }
  }

  async release(senderKey: string): Promise<void> {
    await this.prisma.senderLease.deleteMany({ where: { senderKey, owner: this.owner } });
  }
}
