/**
 * The web dashboard as a Hono app, mounted on the bot's own HTTP server under `/bang-dieu-khien/`
 * (`/dashboard/` redirects there). Every page is rendered on the server from the same figures and
 * scope rules as chat; a unit or report outside the viewer's scope is a 404, like one that does not
 * exist. Sign-in is by single-use link only; the session cookie is HttpOnly and SameSite=Strict.
 * No page carries a script, and the Content Security Policy allows none.
 */
import { readFileSync } from 'node:fs';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DASHBOARD_ALIAS_PATH, DASHBOARD_PATH, SESSION_TTL_MS, type DashboardAuth } from '../../app/dashboard-auth.ts';
import type { ActiveSession } from '../../app/dashboard-auth-ports.ts';
import { mayUseDashboard } from '../../app/dashboard-command.ts';
import type { Clock, ContactRecord } from '../../app/ports.ts';
import type { Locale } from '../../domain/index.ts';
import type { Logger } from '../../logging/logger.ts';
import { isAppError } from '../../shared/app-error.ts';
import { translate } from '../../i18n/translator.ts';
import { digestDownload, exportDownload } from './dashboard-downloads.ts';
import { overview, reportView, unitTree, unitView, UNIT_FILTERS, viewerScope, type DashboardDeps, type UnitFilter } from './dashboard-figures.ts';
import { OverviewCache } from './overview-cache.ts';
import { downloadsPage } from './pages/downloads-page.ts';
import { messagePage, type Html } from './pages/layout.ts';
import { overviewPage } from './pages/overview-page.ts';
import type { PageContext } from './pages/page-context.ts';
import { reportPage } from './pages/report-page.ts';
import { unitPage } from './pages/unit-page.ts';
import { unitsPage } from './pages/units-page.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'bdk_phien';

/** No script, no inline style, no frame, no foreign origin. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bigger request bodies are refused: the dashboard's forms send none. */
const MAX_BODY_BYTES = 16 * 1024;
const STYLESHEET = readFileSync(new URL('./static/dashboard.css', import.meta.url));

/** What the dashboard needs from the bot. */
export interface DashboardAppDeps {
  auth: DashboardAuth;
  contacts: { findById(id: number): Promise<ContactRecord | null> };
  figures: DashboardDeps;
  clock: Clock;
  /** The language of pages shown before anyone is known (sign-in, errors). */
  defaultLocale: Locale;
  /** Mark the cookie Secure (PUBLIC_BASE_URL is https). */
  secureCookies: boolean;
  logger: Logger;
}

type Env = { Bindings: HttpBindings; Variables: { contact: ContactRecord; session: ActiveSession } };

/** Builds the dashboard's Hono app. */
export function createDashboardApp(deps: DashboardAppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const overviews = new OverviewCache((scope, now) => overview(deps.figures, scope, now), deps.figures.source.dataVersion?.bind(deps.figures.source));
  const anonymous = (): PageContext => ({ locale: deps.defaultLocale, timeZone: deps.figures.timeZone, viewer: null });
  const viewer = (contact: ContactRecord): PageContext => ({ locale: contact.locale, timeZone: deps.figures.timeZone, viewer: contact.name });
  const message = (c: Context<Env>, status: 200 | 400 | 401 | 404 | 410 | 413 | 429 | 500, ctx: PageContext, titleKey: string, textKey: string, params?: Record<string, string>) =>
    c.html(messagePage(ctx, translate(ctx.locale, `web.${titleKey}`), translate(ctx.locale, `web.${textKey}`, params)) as Html, status);

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  // The dashboard reads no request bodies (its only form, sign-out, sends none): anything sizeable is
  // refused from the headers and the connection closed, rather than read and thrown away.
  app.use('*', async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES || (c.req.header('transfer-encoding') ?? '').toLowerCase().includes('chunked')) {
      c.header('Connection', 'close');
      return message(c, 413, anonymous(), 'too_large_title', 'too_large');
    }
    await next();
  });

  app.all(DASHBOARD_ALIAS_PATH, (c) => c.redirect(`${DASHBOARD_PATH}/`, 301));
  app.all(`${DASHBOARD_ALIAS_PATH}/*`, (c) => {
    const url = new URL(c.req.url);
    return c.redirect(`${DASHBOARD_PATH}${url.pathname.slice(DASHBOARD_ALIAS_PATH.length)}${url.search}`, 301);
  });
  app.get(DASHBOARD_PATH, (c) => c.redirect(`${DASHBOARD_PATH}/`, 301));

  app.get(`${DASHBOARD_PATH}/tai-nguyen/dashboard.css`, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get(`${DASHBOARD_PATH}/vao/:token`, async (c) => {
    const client = c.env.incoming.socket.remoteAddress ?? 'unknown';
    const outcome = await deps.auth.signIn(c.req.param('token'), client);
    if (!outcome.ok) {
      const status = outcome.reason === 'throttled' ? 429 : outcome.reason === 'unknown' ? 404 : 410;
      const key = outcome.reason === 'inactive' ? 'not_allowed' : `link_${outcome.reason}`;
      return message(c, status, anonymous(), 'sign_in_title', key);
    }
    setCookie(c, SESSION_COOKIE, outcome.sessionSecret as string, {
      path: DASHBOARD_PATH,
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secureCookies,
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.redirect(`${DASHBOARD_PATH}/`, 303);
  });

  app.get(`${DASHBOARD_PATH}/da-dang-xuat`, (c) => message(c, 200, anonymous(), 'signed_out_title', 'signed_out'));

  // Everything below needs a live session of a supervisor or admin.
  app.use(`${DASHBOARD_PATH}/*`, async (c, next) => {
    const session = await deps.auth.session(getCookie(c, SESSION_COOKIE));
    const contact = session ? await deps.contacts.findById(session.contactId) : null;
    if (!session || !contact) {
      if (getCookie(c, SESSION_COOKIE)) deleteCookie(c, SESSION_COOKIE, { path: DASHBOARD_PATH });
      return message(c, 401, anonymous(), 'sign_in_title', 'sign_in_needed');
    }
    if (!mayUseDashboard(contact)) return message(c, 404, viewer(contact), 'not_found_title', 'not_allowed');
    c.set('session', session);
    c.set('contact', contact);
    await next();
  });

  app.post(`${DASHBOARD_PATH}/dang-xuat`, async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) return message(c, 400, viewer(c.var.contact), 'not_found_title', 'bad_request');
    await deps.auth.signOut(c.var.session);
    deleteCookie(c, SESSION_COOKIE, { path: DASHBOARD_PATH });
    return c.redirect(`${DASHBOARD_PATH}/da-dang-xuat`, 303);
  });

  app.get(`${DASHBOARD_PATH}/`, async (c) => {
    const contact = c.var.contact;
    const scope = await viewerScope(deps.figures, contact);
    return c.html(overviewPage(viewer(contact), await overviews.get(scope, deps.clock.now())));
  });

  app.get(`${DASHBOARD_PATH}/don-vi`, async (c) => {
    const contact = c.var.contact;
    const asked = c.req.query('loc');
    const filter = asked && (UNIT_FILTERS as readonly string[]).includes(asked) ? (asked as UnitFilter) : null;
    const scope = await viewerScope(deps.figures, contact);
    const now = deps.clock.now();
    // The overview's digest, shared while the data stays the same (the usual way here is from the overview).
    const view = await unitTree(deps.figures, scope, now, overviews.get(scope, now).then((figures) => figures.data));
    return c.html(unitsPage(viewer(contact), view, filter === 'returned' && !view.reviewFilter ? null : filter));
  });

  app.get(`${DASHBOARD_PATH}/don-vi/:id`, async (c) => {
    const contact = c.var.contact;
    const id = c.req.param('id');
    const view = /^\d{1,9}$/.test(id) ? await unitView(deps.figures, await viewerScope(deps.figures, contact), Number(id), deps.clock.now()) : null;
    if (!view) return message(c, 404, viewer(contact), 'not_found_title', 'not_found');
    return c.html(unitPage(viewer(contact), view, deps.figures.forms()));
  });

  app.get(`${DASHBOARD_PATH}/bao-cao/:id`, async (c) => {
    const contact = c.var.contact;
    const id = c.req.param('id');
    const view = /^\d{1,9}$/.test(id) ? await reportView(deps.figures, await viewerScope(deps.figures, contact), Number(id)) : null;
    if (!view) return message(c, 404, viewer(contact), 'not_found_title', 'not_found');
    return c.html(reportPage(viewer(contact), view));
  });

  app.get(`${DASHBOARD_PATH}/tai-ve`, (c) => c.html(downloadsPage(viewer(c.var.contact), deps.figures.forms(), deps.clock.now())));

  app.get(`${DASHBOARD_PATH}/tai-ve/tong-hop.xlsx`, async (c) => {
    const contact = c.var.contact;
    const bytes = await digestDownload(deps.figures, await viewerScope(deps.figures, contact), deps.clock.now(), contact.locale);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="tong-hop.xlsx"' });
  });

  app.get(`${DASHBOARD_PATH}/tai-ve/xuat.xlsx`, async (c) => {
    const contact = c.var.contact;
    const formId = c.req.query('bieu-mau') ?? '';
    const periodKey = c.req.query('ky') ?? '';
    try {
      const bytes = await exportDownload(deps.figures, await viewerScope(deps.figures, contact), formId, periodKey, deps.clock.now(), contact.locale);
      const name = `${formId}-${periodKey}.xlsx`.replace(/[^A-Za-z0-9_.-]/g, '_');
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename="${name}"` });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'web.not_found') return message(c, 404, viewer(contact), 'not_found_title', 'not_found');
      return message(c, 400, viewer(contact), 'not_found_title', 'bad_period', Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, String(v)])));
    }
  });

  app.notFound((c) => message(c, 404, anonymous(), 'not_found_title', 'not_found'));
  app.onError((error, c) => {
    deps.logger.error({ err: error, path: new URL(c.req.url).pathname.replace(/\/vao\/.*/, '/vao/…') }, 'dashboard request failed');
    return message(c, 500, anonymous(), 'not_found_title', 'error');
  });
  return app;
}
