import type { ReportDataSource } from '../app/digest/report-data-port.ts';
import type { CommandRegistry } from '../app/inbound/command-registry.ts';
import { registerReviewChat } from '../app/review/review-chat.ts';
import type { FormCatalog } from '../app/ports.ts';
import type { PrismaClient } from '../storage/database.ts';
import { ReviewRepository } from '../storage/repositories/review-repository.ts';
import { registerReopenCommand } from '../app/review/reopen-chat.ts';
import { ReopeningRepository } from '../storage/repositories/reopening-repository.ts';

/** Wires the Department's loop into the chat: /duyet (review and return) and /molai (a period reopened for a unit). */
export function wireReviewLoop(commands: CommandRegistry, prisma: PrismaClient, source: ReportDataSource, forms: FormCatalog, timeZone: string): void {
  const deps = { store: new ReviewRepository(prisma), source, forms, timeZone };
  registerReviewChat(commands, deps);
  registerReopenCommand(commands, { ...deps, reopenings: new ReopeningRepository(prisma) });
}
