import { registerAdminCommands } from '../app/admin-commands.ts';
import type { CommandRegistry } from '../app/inbound/command-registry.ts';
import { fetchTelegramBotName } from '../cli/telegram-bot-name.ts';
import type { Config } from '../config.ts';
import type { PrismaClient } from '../storage/database.ts';
import { ContactAdminRepository } from '../storage/repositories/contact-admin-repository.ts';
import { InviteRepository } from '../storage/repositories/invite-repository.ts';
import { UnitRepository } from '../storage/repositories/unit-repository.ts';

/**
 * The bot's username, asked of the Bot API once it answers and remembered after that; a failed lookup
 * is tried again on the next invitation rather than remembered as "none".
 */
export function cachedBotUsername(config: Config, fetchName = fetchTelegramBotName): () => Promise<string | null> {
  let known: string | null = null;
  return async () => (known ??= await fetchName(config));
}

/** Wires the admin chat commands (/moi) over the database: one call from the bot's core. */
export function wireAdminCommands(inbound: CommandRegistry, prisma: PrismaClient, config: Config): void {
  const contacts = new ContactAdminRepository(prisma);
  registerAdminCommands(inbound, {
    units: new UnitRepository(prisma),
    invites: new InviteRepository(prisma),
    lastChannel: (contactId) => contacts.lastChannel(contactId),
    botUsername: cachedBotUsername(config),
    timeZone: config.BOT_TIMEZONE,
  });
}
