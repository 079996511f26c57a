/**
 * A stub of the Telegram Bot API for benchmarks, in a process of its own so that its work is not
 * counted against the bot being measured: every method answers at once with a plausible result.
 * Prints "PORT <n>" when listening.
 */
import { createServer } from 'node:http';

let messageId = 0;
const server = createServer((request, response) => {
  const method = (request.url ?? '').split('/').at(-1) ?? '';
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let result: unknown = true;
    if (method === 'getMe') result = { id: 7000000001, is_bot: true, first_name: 'Bench', username: 'bench_bot' };
    if (method === 'sendMessage') {
      let chatId: unknown = 0;
      try {
        chatId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chat_id?: unknown }).chat_id;
      } catch {
        // Form-encoded or empty: the chat id does not matter to the bot.
      }
      messageId += 1;
      result = { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, text: '' };
    }
    const body = JSON.stringify({ ok: true, result });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
