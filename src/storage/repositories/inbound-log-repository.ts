import type { ChannelName, InboundLog } from '../../app/ports.ts';
import type { PrismaClient } from '../database.ts';
import { isUniqueViolation } from '../prisma-errors.ts';

/** Inbound updates, stored before they are handled; the unique (channel, key) makes duplicates visible. */
export class InboundLogRepository implements InboundLog {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(channel: ChannelName, updateKey: string, payload: string): Promise<'new' | 'duplicate'> {
    try {
      await this.prisma.inboundUpdate.create({ data: { channel, updateKey, payload } });
      return 'new';
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.prisma.inboundUpdate.findUnique({ where: { channel_updateKey: { channel, updateKey } } });
      // Stored but never finished (a crash, or a webhook that stored it first): handle it now.
      return existing?.status === 'pending' ? 'new' : 'duplicate';
    }
  }

  /** Stores an update without handling it (the webhook answers only once this returns). */
  async store(channel: ChannelName, updateKey: string, payload: string): Promise<'stored' | 'duplicate'> {
    try {
      await this.prisma.inboundUpdate.create({ data: { channel, updateKey, payload } });
      return 'stored';
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
  }

  async finish(channel: ChannelName, updateKey: string): Promise<void> {
    await this.setStatus(channel, updateKey, 'done');
  }

  async fail(channel: ChannelName, updateKey: string): Promise<void> {
    await this.setStatus(channel, updateKey, 'failed');
  }

  /** Updates stored but not handled, oldest first: replayed at start-up. */
  async pending(channel: ChannelName, limit = 1000): Promise<Array<{ updateKey: string; payload: string }>> {
    return this.prisma.inboundUpdate.findMany({
      where: { channel, status: 'pending' },
      orderBy: { id: 'asc' },
      take: limit,
      select: { updateKey: true, payload: true },
    });
  }

  private async setStatus(channel: ChannelName, updateKey: string, status: string): Promise<void> {
    await this.prisma.inboundUpdate.updateMany({ where: { channel, updateKey }, data: { status, processedAt: new Date() } });
  }
}
