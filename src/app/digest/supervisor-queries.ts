/**
 * The supervisors' chat commands: /tonghop (the digest now), /chuabaocao (who has not filed the
 * open periods), /donvi <name or code> (one unit) with a choice when several units match, and
 * /chiso (the indicators). Everything is limited to the contact's scope; a unit outside it is
 * answered exactly like a unit that does not exist, so nothing about it leaks.
 */
import type { CommandRegistry } from '../inbound/command-registry.ts';
import type { ContactRecord } from '../ports.ts';
import { matchUnits } from '../../domain/digest/index.ts';
import type { Reply, ReplyOption } from '../../dialog/replies.ts';
import { buildDigest, loadScope, type ReportDeps, type Scope } from './digest-builder.ts';
import { digestReply, indicatorsReply } from './digest-reply.ts';
import { missingReply } from './missing-reply.ts';
import { unitStatusReply } from './unit-status.ts';

/** How many matching units are offered as buttons. */
export const MAX_UNIT_CHOICES = 10;

/** The button prefix of a unit picked from a list ("u:<unitId>"). */
export const UNIT_BUTTON_PREFIX = 'u';

/** Where the commands are registered: the inbound use case. */
export type QueryRegistry = Pick<CommandRegistry, 'registerCommand' | 'registerButton'>;

function scopeFor(deps: ReportDeps, contact: ContactRecord): Promise<Scope> {
  return loadScope(deps.source, contact.roles);
}

const emptyScope: Reply[] = [{ lines: [{ key: 'digest.empty_scope' }] }];

/** /donvi with what the contact typed. */
export async function unitQuery(deps: ReportDeps, contact: ContactRecord, args: string, now: Date): Promise<Reply[]> {
  const query = args.trim();
  if (!query) return [{ lines: [{ key: 'queries.unit_usage' }] }];
  const scope = await scopeFor(deps, contact);
  const match = matchUnits(scope.units, query);
  if (match.kind === 'none') return [{ lines: [{ key: 'queries.unit_not_found', params: { query } }] }];
  if (match.kind === 'one') return [await unitStatusReply(deps, scope, match.unit, contact.locale, now)];
  const options: ReplyOption[] = match.units.slice(0, MAX_UNIT_CHOICES).map((unit) => ({
    data: `${UNIT_BUTTON_PREFIX}:${unit.id}`,
    label: `${unit.name} (${unit.code})`,
  }));
  const key = match.units.length > MAX_UNIT_CHOICES ? 'queries.unit_too_many' : 'queries.unit_choose';
  return [{ lines: [{ key, params: { count: match.units.length, shown: options.length } }], options }];
}

/** A unit picked from the list: shown only if it is still in the contact's scope. */
export async function unitButton(deps: ReportDeps, contact: ContactRecord, value: string, now: Date): Promise<Reply[]> {
  const scope = await scopeFor(deps, contact);
  const unit = /^\d+$/.test(value) ? scope.units.find((u) => u.id === Number(value)) : undefined;
  if (!unit) return [{ lines: [{ key: 'queries.unit_not_available' }] }];
  return [await unitStatusReply(deps, scope, unit, contact.locale, now)];
}

/** Registers /tonghop, /chuabaocao, /donvi, /chiso and the unit buttons on the inbound use case. */
export function registerSupervisorQueries(inbound: QueryRegistry, deps: ReportDeps): void {
  inbound.registerCommand('digest', async (contact, _args, now) => {
    const scope = await scopeFor(deps, contact);
    if (scope.units.length === 0) return emptyScope;
    return [digestReply(await buildDigest(deps, scope, now), contact.locale)];
  });
  inbound.registerCommand('indicators', async (contact, _args, now) => {
    const scope = await scopeFor(deps, contact);
    if (scope.units.length === 0) return emptyScope;
    return [indicatorsReply(await buildDigest(deps, scope, now), contact.locale)];
  });
  inbound.registerCommand('missing', async (contact, _args, now) => {
    const scope = await scopeFor(deps, contact);
    if (scope.units.length === 0) return emptyScope;
    return [await missingReply(deps, scope, contact.locale, now)];
  });
  inbound.registerCommand('unit', (contact, args, now) => unitQuery(deps, contact, args, now));
  inbound.registerButton(UNIT_BUTTON_PREFIX, (contact, value, now) => unitButton(deps, contact, value, now));
}
