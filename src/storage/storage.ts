import type { InboundStore } from '../app/inbound/inbound-store.ts';
import { isPostgresUrl, sqlitePathOf } from '../config.ts';
import type { PrismaClient } from './database.ts';
import { ContactRepository } from './repositories/contact-repository.ts';
import { PrismaInboundStore } from './repositories/inbound-store-prisma.ts';
import { SqliteInboundStore } from './repositories/inbound-store-sqlite.ts';
import { InviteRepository } from './repositories/invite-repository.ts';
import { SenderLeaseRepository } from './repositories/sender-lease-repository.ts';
import { SubmissionRepository } from './repositories/submission-repository.ts';

/** Every repository over one Prisma client. */
export interface Storage {
  prisma: PrismaClient;
  contacts: ContactRepository;
  /** The inbound pipeline's storage: plain statements on SQLite, Prisma on PostgreSQL. */
  inbound: InboundStore & { close?: () => void };
  invites: InviteRepository;
  senderLeases: SenderLeaseRepository;
  submissions: SubmissionRepository;
}

export function createStorage(prisma: PrismaClient, databaseUrl: string): Storage {
  return {
    prisma,
    contacts: new ContactRepository(prisma),
    inbound: isPostgresUrl(databaseUrl) ? new PrismaInboundStore(prisma) : new SqliteInboundStore(prisma, sqlitePathOf(databaseUrl)),
    invites: new InviteRepository(prisma),
    senderLeases: new SenderLeaseRepository(prisma),
    submissions: new SubmissionRepository(prisma),
  };
}
