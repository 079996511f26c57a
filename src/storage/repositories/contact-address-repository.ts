import type { OutboxChannel } from '../../app/outbox-ports.ts';
import type { PrismaClient } from '../database.ts';
import { chooseAddress } from './recipient-repository.ts';

/**
 * Where one contact is reached by the outbox, by the rule scheduled messages follow (the channel
 * used last, if still reachable): for a reply that arrives later than the chat's direct answer.
 */
export async function contactAddress(prisma: PrismaClient, contactId: number): Promise<{ channel: OutboxChannel; chatId: string } | null> {
  const contact = await prisma.contact.findUnique({
    where: { id: contactId },
    select: { lastChannel: true, identities: { select: { channel: true, chatId: true, unreachableAt: true } } },
  });
  return contact ? chooseAddress(contact) : null;
}
