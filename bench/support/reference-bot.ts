/**
 * The references the inbound benchmark compares the bot with, each a bare telegraf webhook bot on the
 * stub Bot API: `echo` answers every text with itself; `prisma` also writes one row per update
 * through Prisma on an SQLite file first. Settings from the environment: REF_MODE, REF_TOKEN,
 * REF_API_ROOT, REF_SECRET, REF_DATABASE (prisma mode). Prints "PORT <n>" when listening; `GET /stats`
 * answers the SQL statements run.
 */
import { createServer } from 'node:http';
import { Telegraf } from 'telegraf';
import { createPrismaClient, migrateDatabase } from '../../src/storage/database.ts';
import { sqlCounters } from '../../src/storage/sql-counters.ts';

const mode = process.env.REF_MODE ?? 'echo';
const bot = new Telegraf(process.env.REF_TOKEN ?? '', { telegram: { apiRoot: process.env.REF_API_ROOT ?? '', webhookReply: false } });
let prisma: ReturnType<typeof createPrismaClient> | undefined;
if (mode === 'prisma') {
  const path = process.env.REF_DATABASE ?? 'reference.db';
  migrateDatabase(path);
  prisma = createPrismaClient(path);
}
bot.on('message', async (ctx) => {
  const text = 'text' in ctx.message ? ctx.message.text : '';
  if (prisma) await prisma.auditLog.create({ data: { actor: `telegram:${ctx.from.id}`, action: 'bench.update', entity: 'Update', entityId: String(ctx.update.update_id) } });
  await ctx.reply(text || '…');
});
const webhook = bot.webhookCallback('/tg/hook', { secretToken: process.env.REF_SECRET });
const server = createServer((request, response) => {
  if (request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(sqlCounters));
    return;
  }
  void webhook(request, response);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
