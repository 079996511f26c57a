/**
 * Texts a person (or a broken client) may type: plausible answers, commands with odd payloads,
 * control characters, emoji with surrogate pairs and ZWJ sequences, right-to-left and other scripts,
 * Vietnamese with precomposed or combining diacritics, and huge texts up to about 100 KB.
 */
import fc from 'fast-check';

const VIETNAMESE = ['Đúng tiến độ', 'Chậm', 'chậm', 'Vướng mắc', 'có', 'không', 'Tổ chức hội nghị quán triệt Nghị quyết', 'Người dùng thử'];

/** The same Vietnamese words, precomposed (NFC), decomposed (NFD) and without diacritics. */
const vietnamese = fc
  .tuple(fc.constantFrom(...VIETNAMESE), fc.constantFrom('NFC', 'NFD', 'plain') as fc.Arbitrary<'NFC' | 'NFD' | 'plain'>)
  .map(([word, form]) => (form === 'plain' ? word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : word.normalize(form)));

/** Answers the dialog may accept or refuse: numbers of every shape, choice numbers, yes/no, review words. */
const answerLike = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.constantFrom('0', '1', '2', '3', '4', '5', '9', '-1', '1.5', '1,5', '1.000', '12abc', '  7  ', '１２', '٣', '๓', '1e3', 'Infinity', 'NaN', '0x10', '9'.repeat(30), '-0', '+3', '½'),
  fc.constantFrom('5 nghìn', '2 triệu', '3k', '1,5 tr', '12 người', '12 abc', '7 ngàn người', '2 tỷ', '4 trăm', '10 million', '5bn', '\u200b\u200b\u200b', '\u202eabc', 'a\u200bb\u200bc', '\u2066\u2067\u2068\u2069', '\u3164\u3164'),
  fc.constantFrom('OK', 'ok', 'Gửi', 'gui', 'sửa 2', 'sua 99', 'sửa', 'yes', 'no', 'đồng ý', 'x', '', ' ', '\n', '27/11/2026', '2026-11-27', '31/02/2026'),
);

/** Commands, ours and others, with junk after them. */
const command = fc.oneof(
  fc.constantFrom('/start', '/baocao', '/report', '/trangthai', '/status', '/huy', '/quaylai', '/boqua', '/ngonngu', '/language', '/trogiup', '/tonghop', '/chuabaocao', '/donvi', '/chiso', '/moi', '/vangmat'),
  fc.constantFrom('/', '//', '/ ', '/baocao@bot', '/baocao@', '/BAOCAO', '/báocáo', '/start@baocao_test_bot', '/ngonngu en', '/language xx', '/ngonngu xx', '/ngonngu fr', '/ngonngu tiếng Pháp', '/vangmat 3', '/vangmat -1', '/vangmat 99999999999999', '/start ABCDE-23456', '/donvi STP', '/moi STP reporter'),
  fc.tuple(fc.constantFrom('/start', '/baocao', '/ngonngu', '/vangmat', '/donvi', '/start@bot'), fc.string({ maxLength: 40, unit: 'binary' })).map(([name, junk]) => `${name} ${junk}`),
);

/** Characters that break naive code: C0 controls, DEL, zero-width and direction marks, BOM, NUL. */
const controls = fc
  .array(fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u200e', '\u200f', '\u202e', '\u2028', '\u2029', '\ufeff', '\ufffd', '\uffff'), { minLength: 1, maxLength: 8 })
  .map((chars) => chars.join(''));

/** Emoji with surrogate pairs, modifiers and ZWJ sequences, and lone surrogate halves. */
const emoji = fc.constantFrom('😀', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🧑🏿‍💻', '🇻🇳', '1️⃣', '\ud83d', '\ude00', '\ude00\ud83d', '🙂'.repeat(50));

/** Other scripts: Chinese, Arabic, Hebrew, Thai, Devanagari, Cyrillic, Korean. */
const scripts = fc.constantFrom('中文测试报告', '第一季度', 'مرحبا بالعالم', '١٢٣', 'שלום', 'สวัสดีครับ', '๑๒', 'नमस्ते', 'Привет', '안녕하세요', 'ﷺ', 'Z̤͔ͧ̑̓ä͖̭̈̇l͖͎g̞̥͈o̗̼');

/** One short piece of odd text. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: answerLike, weight: 6 },
  { arbitrary: command, weight: 4 },
  { arbitrary: vietnamese, weight: 3 },
  { arbitrary: controls, weight: 2 },
  { arbitrary: emoji, weight: 2 },
  { arbitrary: scripts, weight: 2 },
  { arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 30, unit: 'binary' }), weight: 2 },
);

/** A few pieces run together, as a mixed-up message. */
const mixed = fc.array(piece, { minLength: 1, maxLength: 5 }).chain((parts) => fc.constantFrom(' ', '', '\n').map((glue) => parts.join(glue)));

/** A text from about 4 KB (Telegram's message limit) up to about 100 KB, possibly cut inside a surrogate pair. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(piece, fc.integer({ min: 4_000, max: 100_000 }))
  .map(([unit, length]) => {
    const seed = unit.length > 0 ? unit : 'x';
    return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
  });

/** Any odd text; huge ones are rare so that thousands of cases stay fast. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: piece, weight: 12 },
  { arbitrary: mixed, weight: 6 },
  { arbitrary: hugeText, weight: 1 },
);

/** A display name: mostly plausible, sometimes odd. */
export const oddName: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('Nguyễn', 'Lê Thị Lan', 'Trần'.normalize('NFD'), 'A'), weight: 4 },
  { arbitrary: oddText, weight: 1 },
);
