/**
 * The page frame: header with the navigation and the sign-out button, the content, nothing else.
 * No script anywhere; the stylesheet is a file served by the dashboard itself.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { pageTools, type PageContext } from './page-context.ts';

/** A rendered fragment. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Which navigation entry is current. */
export type Section = 'overview' | 'units' | 'downloads' | null;

/** A whole page. */
export function layout(ctx: PageContext, title: string, section: Section, body: Html): Html {
  const { t, path } = pageTools(ctx);
  const nav = (key: Exclude<Section, null>, href: string) =>
    html`<a href="${href}"${section === key ? html` aria-current="page"` : ''}>${t(`nav_${key}`)}</a>`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — ${t('title')}</title>
<link rel="stylesheet" href="${path('tai-nguyen/dashboard.css')}">
<link rel="icon" href="data:,">
</head>
<body>
<header class="top">
  <div class="brand"><a href="${path()}">${t('title')}</a><span class="product">${t('product')}</span></div>
  ${ctx.viewer === null
    ? ''
    : html`<nav>${nav('overview', path())}${nav('units', path('don-vi'))}${nav('downloads', path('tai-ve'))}</nav>
  <form class="signout" method="post" action="${path('dang-xuat')}"><span class="who">${t('signed_in_as', { name: ctx.viewer })}</span><button type="submit">${t('sign_out')}</button></form>`}
</header>
<main>
${body}
</main>
</body>
</html>`;
}

/** A page with one message: sign-in needed, link used, not found. */
export function messagePage(ctx: PageContext, title: string, message: string): Html {
  return layout(ctx, title, null, html`<section class="message"><h1>${title}</h1><p>${message}</p></section>`);
}
