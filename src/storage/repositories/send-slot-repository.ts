import type { SendSlots } from '../../outbox/shared-send-pacer.ts';
import type { PrismaClient } from '../database.ts';
import { isUniqueViolation } from '../prisma-errors.ts';

/** Send slots as rows: the primary key decides which worker gets each one. */
export class SendSlotRepository implements SendSlots {
  constructor(private readonly prisma: PrismaClient) {}

  async take(slotKey: string): Promise<boolean> {
    try {
      await this.prisma.sendSlot.create({ data: { slotKey } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async prune(before: Date): Promise<void> {
    await this.prisma.sendSlot.deleteMany({ where: { createdAt: { lt: before } } });
  }
}
