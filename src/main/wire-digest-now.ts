/**
 * Wires `/tonghop` (`/digest`) with its chart and workbook over the database, the outbox and its
 * sender: one call from the composition root, made once the sender exists (the files go through it).
 */
import type { ChartLinks } from '../app/digest/digest-composer.ts';
import { registerDigestNow, type DigestNowCommand } from '../app/digest/digest-now.ts';
import type { Logger } from '../logging/logger.ts';
import type { PrismaClient } from '../storage/database.ts';
import { contactAddress } from '../storage/repositories/contact-address-repository.ts';
import { writeOutboxDrafts } from '../storage/repositories/outbox-repository.ts';
import type { BotCore } from './create-core.ts';

/** Registers the command on the core; returns it so shutdown may wait for files being drawn. */
export function wireDigestNow(core: BotCore, prisma: PrismaClient, logger: Logger, options: { charts?: ChartLinks; notify: () => void }): DigestNowCommand {
  return registerDigestNow(core.commands, {
    report: { source: core.reportData, forms: () => core.forms.current(), timeZone: core.config.BOT_TIMEZONE },
    addressOf: (contactId) => contactAddress(prisma, contactId),
    enqueue: (draft, now) => prisma.$transaction((tx) => writeOutboxDrafts(tx, [draft], now)),
    notify: options.notify,
    ...(options.charts ? { charts: options.charts } : {}),
    onError: (error) => logger.error({ err: error }, 'digest files failed'),
  });
}
