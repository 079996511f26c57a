/**
 * Who may do what, end to end through the Telegram emulator and one bot: every chat command and
 * query, and the buttons that can be forged or replayed, against five kinds of user. Each cell says
 * whether the action is allowed (the answer holds the expected text) or refused (the polite refusal),
 * and no answer to a user outside a unit's scope ever shows that unit's name or figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../../../src/storage/demo-province.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { visibleText, WebhookConversation } from '../../support/webhook-conversation.ts';

const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z'); // 10:00 in Hanoi: only the weekly report of week 48 is open
const SECRET = 'authorization_matrix_secret';

type Who = 'unregistered' | 'reporter' | 'otherSupervisor' | 'supervisor' | 'admin';
const WHO: readonly Who[] = ['unregistered', 'reporter', 'otherSupervisor', 'supervisor', 'admin'];
const USER_ID: Record<Who, number> = { unregistered: 8101, reporter: 8102, otherSupervisor: 8103, supervisor: 8104, admin: 8105 };
const ROLE: Record<Exclude<Who, 'unregistered'>, { unit: string; role: 'reporter' | 'supervisor' | 'admin' }> = {
  reporter: { unit: 'STP', role: 'reporter' }, // Sở Tư pháp
  otherSupervisor: { unit: 'SYT', role: 'supervisor' }, // Sở Y tế and its two sub-units
  supervisor: { unit: 'UBND', role: 'supervisor' }, // the whole province
  admin: { unit: 'UBND', role: 'admin' },
};

/** The unit the narrow users must learn nothing about: Sở Tài chính, with a weekly and a yearly report filed. */
const OTHER = { code: 'STC', name: 'Sở Tài chính', secretText: 'MAT-STC-7391' };
/** Its 2025 ratings: 37 of 40 organisations rated HTTNV or above, i.e. 92,5 %. */
const OTHER_FIGURES = /92,5|37\/40/;

type Cell = { allow: string | RegExp } | { refuse: string };
const allow = (text: string | RegExp): Cell => ({ allow: text });
const refuse = (text: string): Cell => ({ refuse: text });

const T = {
  notRegistered: 'Bạn chưa đăng ký dùng bot báo cáo',
  startWithoutCode: 'hãy gửi mã mời mà Sở Nội vụ cấp cho bạn',
  codeUsed: 'Mã mời này đã được dùng',
  codeUnknown: 'Mã mời không đúng',
  registered: 'đã đăng ký rồi',
  notAReporter: 'Bạn không phải người báo cáo của đơn vị nào, nên không có báo cáo cần làm.',
  notAdmin: 'Xin lỗi, chỉ người quản trị mới tạo được mã mời.',
  unitNotFound: `Không tìm thấy đơn vị “${OTHER.code}” trong phạm vi bạn theo dõi.`,
  unitNotAvailable: 'Đơn vị này không thuộc phạm vi bạn theo dõi hoặc không còn hoạt động.',
  buttonExpired: 'Nút này thuộc một tin nhắn cũ nên không còn dùng được.',
  notReviewer: 'Chỉ cán bộ theo dõi hoặc quản trị mới duyệt được báo cáo.',
  reportNotFound: 'Không tìm thấy báo cáo này trong phạm vi bạn duyệt.',
};

/** An action: a text or the data of a pressed button, either of which may depend on who acts. */
type Action = { text: (who: Who) => string } | { button: (who: Who) => string };

interface Row {
  name: string;
  action: Action;
  cells: Record<Who, Cell>;
}

const ids = { otherUnit: 0, usedCode: '', otherWeekly: 0, otherYearly: 0, sytHospital: 0, sytCdc: 0, journalists: 0 };
const text = (value: string): Action => ({ text: () => value });
/** The same cell for every registered user; the unregistered one is told to register. */
const registered = (cell: Cell): Record<Who, Cell> => ({ unregistered: refuse(T.notRegistered), reporter: cell, otherSupervisor: cell, supervisor: cell, admin: cell });
/** Reporter-only dialog commands: the others have nothing to report. */
const dialog = (reporter: Cell, others: Cell): Record<Who, Cell> => ({ ...registered(others), reporter });
const scoped = (reporter: string, otherSupervisor: string, province: string): Record<Who, Cell> => ({
  unregistered: refuse(T.notRegistered),
  reporter: allow(reporter),
  otherSupervisor: allow(otherSupervisor),
  supervisor: allow(province),
  admin: allow(province),
});
/** Review actions: a reporter is no reviewer; the Sở Y tế supervisor reviews only its subtree; the province's reviewers review everything. */
function reviewers(otherSupervisor: Cell, province: Cell): Record<Who, Cell> {
  return { unregistered: refuse(T.notRegistered), reporter: refuse(T.notReviewer), otherSupervisor, supervisor: province, admin: province };
}
const otherUnitOnly = (narrow: string, wide: string | RegExp): Record<Who, Cell> => ({
  unregistered: refuse(T.notRegistered),
  reporter: refuse(narrow),
  otherSupervisor: refuse(narrow),
  supervisor: allow(wide),
  admin: allow(wide),
});

const MATRIX: Row[] = [
  { name: '/start', action: text('/start'), cells: { ...registered(allow(T.registered)), unregistered: refuse(T.startWithoutCode) } },
  { name: '/start <used code>', action: { text: () => `/start ${ids.usedCode}` }, cells: { ...registered(refuse(T.codeUsed)), unregistered: refuse(T.codeUsed) } },
  { name: '/start <unknown code>', action: text('/start ZZZZZ-23456'), cells: { ...registered(refuse(T.codeUnknown)), unregistered: refuse(T.codeUnknown) } },
  { name: '/trangthai', action: text('/trangthai'), cells: dialog(allow('Sở Tư pháp — tuần 48/2026: chưa nộp'), refuse(T.notAReporter)) },
  { name: '/baocao', action: text('/baocao'), cells: dialog(allow('Câu 1/5'), refuse(T.notAReporter)) },
  { name: '/quaylai', action: text('/quaylai'), cells: dialog(allow('Đây là câu đầu tiên'), refuse('Không có câu nào để quay lại')) },
  { name: '/boqua', action: text('/boqua'), cells: dialog(allow('Câu này bắt buộc, không thể bỏ qua'), refuse('Không có câu hỏi nào để bỏ qua')) },
  { name: '/huy', action: text('/huy'), cells: dialog(allow('Bản nháp được giữ lại'), refuse('Không có việc gì đang làm dở')) },
  { name: '/ngonngu vi', action: text('/ngonngu vi'), cells: registered(allow('Đã chuyển sang tiếng Việt.')) },
  {
    name: '/trogiup',
    action: text('/trogiup'),
    cells: { ...scoped('/baocao — làm báo cáo', '/tonghop — bản tổng hợp', '/tonghop — bản tổng hợp'), admin: allow('/moi — tạo mã mời') },
  },
  { name: '/vangmat', action: text('/vangmat'), cells: registered(allow('không ở chế độ vắng mặt')) },
  { name: '/tonghop', action: text('/tonghop'), cells: scoped('Phạm vi: Sở Tư pháp — 1 đơn vị', 'Phạm vi: Sở Y tế — 3 đơn vị', 'Phạm vi: Uỷ ban nhân dân tỉnh') },
  {
    name: '/chuabaocao',
    action: text('/chuabaocao'),
    cells: scoped('Đơn vị chưa nộp báo cáo — Sở Tư pháp', 'Đơn vị chưa nộp báo cáo — Sở Y tế', 'Đơn vị chưa nộp báo cáo — Uỷ ban nhân dân tỉnh'),
  },
  {
    name: '/donvi <in-scope unit>',
    action: { text: (who) => `/donvi ${who === 'reporter' ? 'STP' : who === 'otherSupervisor' ? 'SYT-BVDK' : 'HNB'}` },
    cells: scoped('Sở Tư pháp (STP)\nTrực thuộc', 'Bệnh viện Đa khoa tỉnh (SYT-BVDK)\nTrực thuộc: Sở Y tế', 'Hội Nhà báo tỉnh (HNB)\nTrực thuộc'),
  },
  { name: '/donvi <out-of-scope unit>', action: text(`/donvi ${OTHER.code}`), cells: otherUnitOnly(T.unitNotFound, 'Sở Tài chính (STC)\nTrực thuộc') },
  { name: '/donvi <name of out-of-scope unit>', action: text('/donvi so tai chinh'), cells: otherUnitOnly('Không tìm thấy đơn vị “so tai chinh”', 'Sở Tài chính (STC)') },
  { name: '/chiso', action: text('/chiso'), cells: scoped('Các chỉ tiêu của Kế hoạch — Sở Tư pháp', 'Các chỉ tiêu của Kế hoạch — Sở Y tế', 'Các chỉ tiêu của Kế hoạch — Uỷ ban nhân dân tỉnh') },
  { name: '/moi STP reporter', action: text('/moi STP reporter'), cells: { ...registered(refuse(T.notAdmin)), admin: allow(/Mã mời cho Sở Tư pháp \(STP\)[\s\S]*Mã: [A-Z0-9]{5}-[A-Z0-9]{5}/) } },
  { name: 'button u:<out-of-scope unit>', action: { button: () => `u:${ids.otherUnit}` }, cells: otherUnitOnly(T.unitNotAvailable, 'Sở Tài chính (STC)\nTrực thuộc') },
  { name: 'stale button a:confirm', action: { button: () => 'a:confirm' }, cells: registered(refuse(T.buttonExpired)) },
  { name: 'stale button c:0.1', action: { button: () => 'c:0.1' }, cells: registered(refuse(T.buttonExpired)) },
  { name: 'stale button p:1', action: { button: () => 'p:1' }, cells: registered(refuse(T.buttonExpired)) },
  { name: 'unknown button x:1', action: { button: () => 'x:1' }, cells: registered(refuse(T.buttonExpired)) },
  // The review loop: only supervisors and admins whose subtree holds the unit may see, accept or return a report.
  {
    name: '/duyet',
    action: text('/duyet'),
    cells: reviewers(allow('Có 2 báo cáo chờ duyệt'), allow(/Có \d+ báo cáo chờ duyệt[\s\S]*Sở Tài chính/)),
  },
  {
    name: '/duyet <out-of-scope report>',
    action: { text: () => `/duyet ${ids.otherWeekly}` },
    cells: reviewers(refuse(T.reportNotFound), allow(/Báo cáo #\d+: Sở Tài chính/)),
  },
  {
    // The province supervisor accepts the weekly report, the admin the yearly one (each is decided once).
    name: 'button rv:a:<out-of-scope report> (accept)',
    action: { button: (who) => `rv:a:${who === 'admin' ? ids.otherYearly : ids.otherWeekly}.1` },
    cells: { ...reviewers(refuse(T.reportNotFound), allow(/Đã chấp nhận báo cáo #\d+ của Sở Tài chính\./)), reporter: refuse(T.reportNotFound) },
  },
  {
    // Returning asks for the reason first; each reviewer presses on a report of their own subtree.
    name: 'button rv:r:<report> (return)',
    action: { button: (who) => `rv:r:${who === 'supervisor' ? ids.sytCdc : who === 'admin' ? ids.journalists : ids.sytHospital}.1` },
    cells: {
      ...reviewers(allow('Vui lòng gửi lý do trả lại báo cáo của Bệnh viện Đa khoa tỉnh'), allow('Vui lòng gửi lý do trả lại báo cáo của Trung tâm Kiểm soát bệnh tật tỉnh')),
      admin: allow('Vui lòng gửi lý do trả lại báo cáo của Hội Nhà báo tỉnh'),
      // A pressed button is answered like a report that does not exist: it says nothing of the report.
      reporter: refuse(T.reportNotFound),
    },
  },
];

/** What must never reach a user who has no business with the other unit. */
function leaksAbout(who: Who, reply: string): string[] {
  const found: string[] = [];
  if (who === 'supervisor' || who === 'admin') return found;
  const forbidden = [OTHER.name, `(${OTHER.code})`, OTHER.secretText];
  if (who === 'otherSupervisor') forbidden.push('Sở Tư pháp');
  if (who === 'reporter') forbidden.push('Sở Y tế', 'Bệnh viện Đa khoa tỉnh');
  if (who === 'unregistered') {
    // Sở Nội vụ is named on purpose: it is whom to ask for an invitation.
    forbidden.push('Phạm vi', 'Chưa nộp', 'Trực thuộc', ...DEMO_UNITS.filter((unit) => unit.code !== 'SNV').map((unit) => unit.name));
  }
  for (const word of forbidden) if (reply.includes(word)) found.push(word);
  if (OTHER_FIGURES.test(reply)) found.push('the other unit’s figures (37/40, 92,5 %)');
  return found;
}

const tempDir = useTempDirs();
let bot: TelegramBotHarness;
let chat: WebhookConversation;
const answers = new Map<string, string>();

beforeAll(async () => {
  bot = await TelegramBotHarness.start(tempDir(), { now: FRIDAY_W48, webhook: { url: (port) => `http://127.0.0.1:${port}/telegram/hook`, secret: SECRET } });
  chat = new WebhookConversation(bot.tg);
  const other = await bot.prisma.unit.findUniqueOrThrow({ where: { code: OTHER.code } });
  ids.otherUnit = other.id;
  const at = new Date('2026-11-27T02:00:00Z');
  const filed = { unitId: other.id, currentRevision: 1, formVersion: 1, late: false, firstSubmittedAt: at, submittedAt: at };
  await bot.prisma.submission.create({
    data: { ...filed, formId: 'weekly_status', periodKey: '2026-W48', answers: JSON.stringify({ p1_progress: 'on_track', p2_progress: 'on_track', p3_progress: 'on_track', work_done: OTHER.secretText }) },
  });
  await bot.prisma.submission.create({
    data: {
      ...filed,
      formId: 'yearly_ratings',
      periodKey: '2025',
      answers: JSON.stringify({
        org_htxsnv: 5, org_httnv: 32, org_htnv: 3, org_khtnv: 0, org_total: 40,
        cell_htxsnv: 1, cell_httnv: 1, cell_htnv: 0, cell_khtnv: 0, cell_total: 2,
        member_htxsnv: 10, member_httnv: 10, member_htnv: 0, member_khtnv: 0, member_total: 20,
        members_dec31: 1000, has_heads: 'no',
      }),
    },
  });
  ids.otherWeekly = (await bot.prisma.submission.findFirstOrThrow({ where: { unitId: other.id, formId: 'weekly_status' } })).id;
  ids.otherYearly = (await bot.prisma.submission.findFirstOrThrow({ where: { unitId: other.id, formId: 'yearly_ratings' } })).id;
  // New weekly reports in Sở Y tế's subtree and at Hội Nhà báo, for the review rows.
  const weekly = async (code: string) => {
    const unit = await bot.prisma.unit.findUniqueOrThrow({ where: { code } });
    const answers = JSON.stringify({ p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track', work_done: 'Họp chi bộ' });
    return (await bot.prisma.submission.create({ data: { ...filed, unitId: unit.id, formId: 'weekly_status', periodKey: '2026-W48', answers } })).id;
  };
  ids.sytHospital = await weekly('SYT-BVDK');
  ids.sytCdc = await weekly('SYT-CDC');
  ids.journalists = await weekly('HNB');
  // A code someone else already used, for "/start <used code>".
  ids.usedCode = await bot.invite('SNNPTNT', 'reporter');
  expect(visibleText(await chat.say(8199, `/start ${ids.usedCode}`))).toContain('Chào mừng');
  for (const who of WHO) {
    if (who === 'unregistered') continue;
    const { unit, role } = ROLE[who];
    const welcome = visibleText(await chat.say(USER_ID[who], `/start ${await bot.invite(unit, role)}`));
    expect(welcome).toContain('Chào mừng');
  }
  // The rows run in order per user (a reporter's /quaylai follows their /baocao); a button needs a message to press on.
  for (const who of WHO) {
    for (const row of MATRIX) {
      const userId = USER_ID[who];
      const messages = 'text' in row.action ? await chat.say(userId, row.action.text(who)) : await chat.press(userId, row.action.button(who));
      answers.set(`${row.name}|${who}`, visibleText(messages));
    }
  }
}, 150_000);

afterAll(async () => {
  await bot?.close();
});

describe('authorization matrix: every command and button against every kind of user', () => {
  for (const row of MATRIX) {
    for (const who of WHO) {
      const cell = row.cells[who];
      const verdict = 'allow' in cell ? 'answer' : 'politely refuse';
      it(`should ${verdict} ${row.name} for the ${who}`, () => {
        const reply = answers.get(`${row.name}|${who}`) ?? '';
        expect(reply, 'some answer, never silence').not.toBe('');
        expect(reply).not.toContain('đã có trục trặc');
        if ('allow' in cell) {
          if (typeof cell.allow === 'string') expect(reply).toContain(cell.allow);
          else expect(reply).toMatch(cell.allow);
        } else {
          expect(reply).toContain(cell.refuse);
        }
        expect(leaksAbout(who, reply), reply).toEqual([]);
      });
    }
  }

  it('should have shown the other unit’s figures to the province supervisor, so the leak check looks for something real', () => {
    expect(answers.get('/chiso|supervisor')).toMatch(OTHER_FIGURES);
    expect(answers.get('/donvi <out-of-scope unit>|supervisor')).toMatch(OTHER_FIGURES);
  });

  it('should never have sent an unregistered user any unit data, in any message', () => {
    const everything = visibleText(bot.tg.messagesTo(USER_ID.unregistered));
    expect(leaksAbout('unregistered', everything)).toEqual([]);
    expect(everything).not.toMatch(/\(([A-Z]+-)?[A-Z]{2,}\)/); // no "(STC)"-style unit codes
  });

  it('should have let only the reviewers in scope decide: refused presses changed nothing', async () => {
    const contactOf = async (who: Who) => (await bot.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_userId: { channel: 'telegram', userId: String(USER_ID[who]) } } })).contactId;
    const state = async (id: number) => {
      const row = await bot.prisma.submission.findUniqueOrThrow({ where: { id } });
      return [row.reviewState, row.reviewedBy];
    };
    // The reporter and the Sở Y tế supervisor pressed "accept" on the weekly report first; the province supervisor decided it.
    expect(await state(ids.otherWeekly)).toEqual(['accepted', `contact:${await contactOf('supervisor')}`]);
    expect(await state(ids.otherYearly)).toEqual(['accepted', `contact:${await contactOf('admin')}`]);
    // Returns wait for their reasons; nothing was returned without one.
    for (const id of [ids.sytHospital, ids.sytCdc, ids.journalists]) expect(await state(id)).toEqual(['new', null]);
    const prompts = await bot.prisma.reviewPrompt.findMany({ where: { stage: 'reason' }, orderBy: { submissionId: 'asc' } });
    expect(prompts.map((p) => [p.contactId, p.submissionId])).toEqual(
      [[await contactOf('otherSupervisor'), ids.sytHospital], [await contactOf('supervisor'), ids.sytCdc], [await contactOf('admin'), ids.journalists]].sort((a, b) => Number(a[1]) - Number(b[1])),
    );
  });

  it('should not have created an invitation for anyone but the admin', async () => {
    const made = await bot.prisma.invite.findMany({ where: { createdBy: { startsWith: 'contact:' } } });
    expect(made).toHaveLength(1);
    const admin = await bot.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_userId: { channel: 'telegram', userId: String(USER_ID.admin) } } });
    expect(made[0]?.createdBy).toBe(`contact:${admin.contactId}`);
  });
});
