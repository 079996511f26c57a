/**
 * The load of the inbound benchmark, from a process of its own: LOAD_LANES chats at a time, each
 * posting its texts one update at a time (as Telegram does for one chat) to LOAD_URL with the webhook
 * secret. The chats and their texts come as JSON on standard input; the figures go to standard output
 * as JSON: updates, seconds, rate, p50 and p99 in milliseconds, and any non-200 statuses.
 */
import { Agent, request } from 'node:http';

interface Job {
  userId: number;
  texts: string[];
}

const url = new URL(process.env.LOAD_URL ?? '');
const secret = process.env.LOAD_SECRET ?? '';
const lanes = Number(process.env.LOAD_LANES ?? '20');
let nextUpdateId = Number(process.env.LOAD_FIRST_UPDATE ?? '1');
const agent = new Agent({ keepAlive: true, maxSockets: lanes });

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': secret } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

const input = await new Promise<string>((resolve) => {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
  process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
});
const jobs = JSON.parse(input) as Job[];
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      for (const text of job.texts) {
        const updateId = nextUpdateId++;
        const body = JSON.stringify({ update_id: updateId, message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: job.userId, type: 'private' }, from: { id: job.userId, is_bot: false, first_name: 'Lan', language_code: 'vi' }, text } });
        const sent = performance.now();
        const status = await post(body);
        latencies.push(performance.now() - sent);
        if (status !== 200) statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
process.stdout.write(`${JSON.stringify({ updates: latencies.length, seconds, rate: latencies.length / seconds, p50: at(0.5), p99: at(0.99), statuses })}\n`);
agent.destroy();
