// The dashboard: charts of the register, drawn on the server as SVG and put inline in the page (they hold no
// script and no style, so the site's CSP stands), each with its figures as a table beside it. The figures are
// the viewer's: the anonymous public's cover White proposals only.
import type { FastifyInstance } from 'fastify';
import { getDashboard, type Dashboard } from '../../app/get-dashboard.ts';
import type { Db } from '../../db/connect.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { renderBarChart } from '../../render/charts.ts';
import { formatNumber } from './presenters.ts';
import type { Pages } from './register-pages.ts';

export interface DashboardDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

const monthFormat = (month: 'short' | 'long') =>
  new Intl.DateTimeFormat('en-GB', { month, year: 'numeric', timeZone: 'UTC' });
const shortMonth = monthFormat('short');
const longMonth = monthFormat('long');
const monthDate = (yyyyMm: string) => new Date(`${yyyyMm}-01T00:00:00Z`);

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
const days = (n: number | null) => (n === null ? 'none yet' : plural(n, 'day', 'days'));

/** The page's three charts, as safe inline SVG, and the words that describe each. */
async function dashboardCharts(dashboard: Dashboard) {
  const { byStage, timeInStage, raisedByMonth } = dashboard;
  const stageNames = byStage.map((s) => s.label);
  const byStageSvg = await renderBarChart({
    id: 'chart-by-stage',
    title: 'Proposals by current stage',
    description: `A bar chart of ${plural(dashboard.total, 'proposal', 'proposals')} by the stage each is in now: ${byStage
      .map((s) => `${s.label}, ${formatNumber(s.count)}`)
      .join('; ')}.`,
    orientation: 'horizontal',
    categories: stageNames,
    data: byStage.map((s) => ({ category: s.label, value: s.count })),
    valueTitle: 'Proposals',
  });

  const series = ['Median', 'Longest'];
  const timeSvg = await renderBarChart({
    id: 'chart-time-in-stage',
    title: 'Time spent in each stage',
    description: `A bar chart of the median and the longest time, in days, that proposals which have left a stage spent in it: ${timeInStage
      .map((s) =>
        s.left === 0
          ? `${s.label}, none has left it yet`
          : `${s.label}, median ${days(s.medianDays)}, longest ${days(s.longestDays)}`,
      )
      .join('; ')}.`,
    orientation: 'horizontal',
    categories: timeInStage.map((s) => s.label),
    series,
    data: timeInStage.flatMap((s) => [
      { category: s.label, series: 'Median', value: s.medianDays },
      { category: s.label, series: 'Longest', value: s.longestDays },
    ]),
    valueTitle: 'Days',
  });

  const first = raisedByMonth[0]?.month;
  const last = raisedByMonth[raisedByMonth.length - 1]?.month;
  const busy = raisedByMonth.filter((m) => m.count > 0);
  const monthsSvg = await renderBarChart({
    id: 'chart-raised-by-month',
    title: 'Proposals raised per month',
    description: `A bar chart of the proposals raised in each month from ${first ? longMonth.format(monthDate(first)) : ''} to ${last ? longMonth.format(monthDate(last)) : ''}: ${
      busy.length
        ? `${busy.map((m) => `${formatNumber(m.count)} in ${longMonth.format(monthDate(m.month))}`).join(', ')}; none in the other months`
        : 'none in any month'
    }.`,
    orientation: 'vertical',
    categories: raisedByMonth.map((m) => shortMonth.format(monthDate(m.month))),
    data: raisedByMonth.map((m) => ({ category: shortMonth.format(monthDate(m.month)), value: m.count })),
    valueTitle: 'Proposals raised',
  });
  return { byStage: byStageSvg, timeInStage: timeSvg, raisedByMonth: monthsSvg };
}

export function registerDashboardRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { db, rules, today, pages } = deps;

  app.get('/dashboard', async (request, reply) => {
    const viewer = viewerOf(request.user);
    const dashboard = await getDashboard({ db, rules, today }, { viewer });
    const charts = await dashboardCharts(dashboard);
    const html = pages.render('dashboard.njk', {
      dashboard,
      charts,
      signedIn: request.user !== null,
      months: dashboard.raisedByMonth.map((m) => ({ ...m, label: longMonth.format(monthDate(m.month)) })),
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
