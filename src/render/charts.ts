// Bar charts as SVG, drawn on the server with vega-lite (no browser, no canvas), made fit to put inline in a page
// served under `default-src 'self'`: no <script>, no <style> element and no style attribute (what a style
// attribute says that SVG has a presentation attribute for becomes that attribute; the rest is dropped). Each
// chart is an image to assistive technology (role="img"), named by its <title> and described by its <desc>;
// the page shows the same figures as a table, so nobody has to read the picture.
//
// vega and vega-lite are loaded on the first chart only (about 0.3 s), not when the server starts. The first
// render then takes about 0.1 s and later ones about 20 ms, so finished SVGs are kept in a small cache keyed by
// everything that goes into them: the same figures (most viewers see the same ones) are drawn once.
import type * as VegaModule from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type * as VegaLiteModule from 'vega-lite';

export interface BarChart {
  /** A prefix for the SVG's element ids: unique on the page, letters, digits and hyphens. */
  id: string;
  /** The accessible name (<title>). */
  title: string;
  /** The accessible description (<desc>): what the chart shows, in words. */
  description: string;
  /** 'horizontal': categories down the side (long labels); 'vertical': categories along the bottom. */
  orientation: 'horizontal' | 'vertical';
  /** The categories in the order to draw them; each is drawn even when it has no value. */
  categories: readonly string[];
  /** One row per category (and series); a null value draws no bar. */
  data: readonly { category: string; value: number | null; series?: string }[];
  /** The series' names in order, when the bars are grouped (median and longest...). */
  series?: readonly string[];
  /** The value axis's title. */
  valueTitle: string;
  /** The width of the plot in pixels, labels aside (the SVG scales to its container): 320 or 500 by default. */
  width?: number;
}

const FONT = 'system-ui, arial, sans-serif';
const TEXT = '#0b0c0c';
const SECONDARY = '#484949';
const COLOURS = ['#1d70b8', '#003078', '#28a197'];

/** The vega-lite specification of a bar chart, with each bar's value written beside it. */
export function barChartSpec(chart: BarChart): TopLevelSpec {
  const horizontal = chart.orientation === 'horizontal';
  const grouped = chart.series !== undefined && chart.series.length > 1;
  const category = {
    field: 'category',
    type: 'nominal',
    title: null,
    sort: null,
    scale: { domain: [...chart.categories] },
    axis: horizontal ? { labelLimit: 340 } : { labelAngle: -50, labelLimit: 120 },
  } as const;
  const value = {
    field: 'value',
    type: 'quantitative',
    title: chart.valueTitle,
    axis: { tickMinStep: 1, format: 'd' },
  } as const;
  const offset = grouped
    ? { [horizontal ? 'yOffset' : 'xOffset']: { field: 'series', sort: [...(chart.series ?? [])] } }
    : {};
  const colour = grouped
    ? {
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          sort: [...(chart.series ?? [])],
          scale: { domain: [...(chart.series ?? [])], range: COLOURS },
          legend: { orient: 'bottom', direction: 'horizontal' },
        },
      }
    : {};
  const width = chart.width ?? (horizontal ? 320 : 500);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: chart.data.map((d) => ({ ...d })) },
    ...(horizontal
      ? { width, height: { step: grouped ? 15 : 26 } }
      : {
          width: { step: Math.max(12, Math.floor(width / Math.max(1, chart.categories.length))) },
          height: 220,
        }),
    encoding: {
      [horizontal ? 'y' : 'x']: category,
      [horizontal ? 'x' : 'y']: value,
      ...offset,
    },
    layer: [
      {
        mark: { type: 'bar', ...(grouped ? {} : { color: COLOURS[0] }) },
        encoding: { ...colour },
      },
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: horizontal
          ? { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: TEXT, fontSize: 12 }
          : { type: 'text', align: 'center', baseline: 'bottom', dy: -3, color: TEXT, fontSize: 11 },
        encoding: { text: { field: 'value', type: 'quantitative', format: ',~r' } },
      },
    ],
    config: {
      font: FONT,
      background: 'white',
      padding: 8,
      aria: false,
      view: { stroke: null },
      axis: {
        labelColor: TEXT,
        titleColor: TEXT,
        labelFontSize: 12,
        titleFontSize: 12,
        titleFontWeight: 'bold',
        domainColor: SECONDARY,
        tickColor: SECONDARY,
        gridColor: '#e5e5e5',
      },
      legend: { labelColor: TEXT, labelFontSize: 12, symbolType: 'square' },
    },
  } as TopLevelSpec;
}

/** SVG presentation attributes: what a style declaration may become. Anything else in a style is dropped. */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'opacity',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'letter-spacing',
  'text-decoration',
  'display',
  'visibility',
  'shape-rendering',
  'pointer-events',
]);

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const unescapeXml = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A style attribute's declarations as presentation attributes, leaving out those the element already has. */
function styleToAttributes(style: string, existing: string): string {
  const out: string[] = [];
  for (const declaration of unescapeXml(style).split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!PRESENTATION.has(name) || value === '' || /[<>]|url\(|expression|!important/i.test(value)) continue;
    if (new RegExp(`\\s${name}=`).test(existing)) continue;
    out.push(` ${name}="${escapeXml(value)}"`);
  }
  return out.join('');
}

/**
 * Makes vega's SVG safe under the site's CSP and accessible: drops <script>, <style> and <foreignObject>
 * elements, event-handler attributes and links; turns style attributes into presentation attributes; makes the
 * root an image named by a <title> and described by a <desc>, and lets it scale to its container.
 */
export function makeChartSvgSafe(
  svg: string,
  text: { id: string; title: string; description: string },
): string {
  if (!/^[A-Za-z][\w-]*$/.test(text.id)) throw new Error(`chart id "${text.id}" is not a plain id`);
  let out = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<(script|style|foreignObject)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|foreignObject)\b[^>]*\/>/gi, '')
    .replace(/<\/?a\b[^>]*>/gi, '')
    .replace(/\s(?:on[a-z]+|xlink:href|href)\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/<title\b[\s\S]*?<\/title>|<desc\b[\s\S]*?<\/desc>/gi, '')
    // the chart is one image to assistive technology (role="img" with its title and description on the root):
    // the roles and labels vega puts on marks inside it would make axe ask for alt text on each
    .replace(/\s(?:role|aria-[a-z]+)\s*=\s*("[^"]*"|'[^']*')/gi, '');
  // each style attribute becomes presentation attributes on its own element
  out = out.replace(
    /<([A-Za-z][\w:-]*)(\s[^>]*?)?(\/?)>/g,
    (_tag, name: string, attrs = '', close: string) => {
      let rest = attrs as string;
      let added = '';
      rest = rest.replace(
        /\sstyle\s*=\s*("([^"]*)"|'([^']*)')/gi,
        (_m, _q, double?: string, single?: string) => {
          added += styleToAttributes(double ?? single ?? '', rest);
          return '';
        },
      );
      return `<${name}${rest}${added}${close}>`;
    },
  );
  const titleId = `${text.id}-title`;
  const descId = `${text.id}-desc`;
  return out.replace(/^\s*<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs
      .replace(
        /\s(?:width|height|role|aria-[a-z]+|focusable|class|version|xmlns:xlink)\s*=\s*("[^"]*"|'[^']*')/gi,
        '',
      )
      .trim();
    return (
      `<svg ${kept} width="100%" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">` +
      `<title id="${titleId}">${escapeXml(text.title)}</title><desc id="${descId}">${escapeXml(text.description)}</desc>`
    );
  });
}

let libraries: Promise<[typeof VegaModule, typeof VegaLiteModule]> | null = null;
const loadLibraries = () =>
  (libraries ??= Promise.all([import('vega'), import('vega-lite')]).catch((error: unknown) => {
    libraries = null; // try again on the next chart
    throw error;
  }));

const CACHE_SIZE = 64;
const cache = new Map<string, string>();

/** Draws a chart as safe, accessible SVG (from the cache when the same chart was drawn before). */
export async function renderBarChart(chart: BarChart): Promise<string> {
  const spec = barChartSpec(chart);
  const key = JSON.stringify([chart.id, chart.title, chart.description, spec]);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const [vega, vl] = await loadLibraries();
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const safe = makeChartSvgSafe(svg, chart);
  cache.set(key, safe);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return safe;
}
