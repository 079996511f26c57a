import type { PrismaClient } from './database.ts';
import { ContactRepository } from './repositories/contact-repository.ts';
import { DialogRepository } from './repositories/dialog-repository.ts';
import { InboundLogRepository } from './repositories/inbound-log-repository.ts';
import { InviteRepository } from './repositories/invite-repository.ts';
import { SenderLeaseRepository } from './repositories/sender-lease-repository.ts';
import { SubmissionRepository } from './repositories/submission-repository.ts';

/** Every repository over one Prisma client. */
export interface Storage {
  prisma: PrismaClient;
  contacts: ContactRepository;
  dialogs: DialogRepository;
  inbound: InboundLogRepository;
  invites: InviteRepository;
  senderLeases: SenderLeaseRepository;
  submissions: SubmissionRepository;
}

export function createStorage(prisma: PrismaClient): Storage {
  return {
    prisma,
    contacts: new ContactRepository(prisma),
    dialogs: new DialogRepository(prisma),
    inbound: new InboundLogRepository(prisma),
    invites: new InviteRepository(prisma),
    senderLeases: new SenderLeaseRepository(prisma),
    submissions: new SubmissionRepository(prisma),
  };
}
