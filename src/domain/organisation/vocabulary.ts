import { compactKey } from '../text/match-keys.ts';

// The words people may write for a kind of unit or a role, in a spreadsheet or in chat, in English or
// Vietnamese, compared without case, diacritics or spaces ("Hội đặc thù" = "hoidacthu").

/** The kinds of unit the product knows (the schema's Unit.kind). */
export const UNIT_KINDS = ['province', 'department', 'agency', 'association', 'grassroots'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Words accepted for each kind, in English and Vietnamese, compared without case, diacritics or spaces. */
const KIND_WORDS: Record<UnitKind, string[]> = {
  province: ['province', 'tinh', 'ubndtinh', 'uybannhandantinh'],
  department: ['department', 'so', 'ban', 'nganh', 'sobannganh', 'songanh'],
  agency: ['agency', 'coquan', 'donvi', 'coquandonvi'],
  association: ['association', 'hoi', 'hoidacthu'],
  grassroots: ['grassroots', 'coso', 'tochuccoso', 'tochucdangcoso', 'dangbocoso', 'chibocoso', 'donvicoso'],
};

const KIND_BY_WORD = new Map<string, UnitKind>();
for (const kind of UNIT_KINDS) for (const word of KIND_WORDS[kind]) KIND_BY_WORD.set(word, kind);

/** The kind a cell means ("Sở", "hội đặc thù", "agency"), or null when it is none of them. */
export function parseUnitKind(text: string): UnitKind | null {
  return KIND_BY_WORD.get(compactKey(text)) ?? null;
}

/** The roles a contact can have over a unit. */
export const ROLE_NAMES = ['reporter', 'supervisor', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Words accepted for each role, in English and Vietnamese, compared without case, diacritics or spaces. */
const ROLE_WORDS: Record<RoleName, string[]> = {
  reporter: ['reporter', 'report', 'nguoibaocao', 'baocao', 'canbobaocao'],
  supervisor: ['supervisor', 'theodoi', 'giamsat', 'nguoitheodoi', 'nguoigiamsat', 'theodoidondoc'],
  admin: ['admin', 'administrator', 'quantri', 'quantrivien', 'nguoiquantri'],
};

const ROLE_BY_WORD = new Map<string, RoleName>();
for (const role of ROLE_NAMES) for (const word of ROLE_WORDS[role]) ROLE_BY_WORD.set(word, role);

/**
 * The role a word means, shared by the contacts import and the chat's /moi command, so that "báo cáo",
 * "nguoibaocao" and "reporter" are understood alike; null for anything else.
 */
export function parseRole(text: string): RoleName | null {
  return ROLE_BY_WORD.get(compactKey(text)) ?? null;
}
