/**
 * The centre's dashboard: alerts per hour, per station (open of all), outcomes, by severity, and
 * the money at risk, as small inline SVG charts drawn from the geometry in `charts.ts`, and the
 * victims' money lost, secured and still moving (`freeze/moneyCard.ts`). It reads
 * `GET /api/alerts/dashboard` and `GET /api/money?days=7` when shown, every minute, and shortly
 * after an alert arrives.
 */
import { api, errorMessage } from '../api';
import type { AlertDashboard } from '../../../server/contract/warning';
import { clip, horizontalBars, hourLabel, verticalBars, type ChartBox, type Tick } from './charts';
import { OUTCOME_LABEL, SEVERITY_LABEL, formatMinor } from './model';
import type { AlertStream } from './stream';
import { formatTime, zoneOffset } from '../time';
import { moneyCard } from '../freeze/moneyCard';
import { moneySummary } from '../freeze/requests';
import { currentStopAccess } from '../freeze/session';

const REFRESH_MS = 60_000;
/** Alerts that arrive together cause one reading. */
const DEBOUNCE_MS = 1_500;
const SVG = 'http://www.w3.org/2000/svg';

const SEVERITY_COLOUR: Readonly<Record<string, string>> = {
  urgent: '#cf222e',
  high: '#d4750b',
  prevention: '#2f6fde',
};

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function chartSvg(width: number, height: number, label: string): SVGSVGElement {
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'img',
    'aria-label': label,
    class: 'db-chart',
  });
  root.style.maxHeight = `${height * 1.4}px`;
  return root;
}

function titled<T extends SVGElement>(element: T, title: string): T {
  element.append(svg('title', {}, title));
  return element;
}

/** Grid lines and value labels for a vertical value axis. */
function yAxis(root: SVGSVGElement, ticks: Tick[], box: ChartBox): void {
  for (const tick of ticks) {
    root.append(
      svg('line', {
        x1: box.left,
        x2: box.width - box.right,
        y1: tick.at,
        y2: tick.at,
        class: 'db-grid',
      }),
      svg(
        'text',
        { x: box.left - 4, y: tick.at + 4, 'text-anchor': 'end', class: 'db-tick' },
        String(tick.value),
      ),
    );
  }
}

/** Grid lines and value labels along the bottom of horizontal bars. */
function xAxis(root: SVGSVGElement, ticks: Tick[], top: number, bottom: number): void {
  for (const tick of ticks) {
    root.append(
      svg('line', { x1: tick.at, x2: tick.at, y1: top, y2: bottom, class: 'db-grid' }),
      svg(
        'text',
        { x: tick.at, y: bottom + 13, 'text-anchor': 'middle', class: 'db-tick' },
        String(tick.value),
      ),
    );
  }
}

function perHourChart(dashboard: AlertDashboard): SVGSVGElement {
  const box: ChartBox = { width: 720, height: 180, left: 34, bottom: 22, top: 10, right: 8 };
  const chart = verticalBars(
    dashboard.perHour.map((entry) => ({ label: hourLabel(entry.hour), value: entry.count })),
    box,
  );
  const root = chartSvg(
    box.width,
    box.height,
    `Alerts per hour over the last ${dashboard.hours} hours`,
  );
  yAxis(root, chart.ticks, box);
  chart.bars.forEach((bar, index) => {
    const hour = dashboard.perHour[index]?.hour ?? '';
    root.append(
      titled(
        svg('rect', { x: bar.x, y: bar.y, width: bar.width, height: bar.height, class: 'db-bar' }),
        `${formatTime(hour)}: ${bar.value} alert${bar.value === 1 ? '' : 's'}`,
      ),
    );
    if (bar.showLabel) {
      root.append(
        svg(
          'text',
          {
            x: bar.x + bar.width / 2,
            y: chart.baseline + 14,
            'text-anchor': 'middle',
            class: 'db-tick',
          },
          bar.label,
        ),
      );
    }
  });
  root.append(
    svg('line', {
      x1: box.left,
      x2: box.width - box.right,
      y1: chart.baseline,
      y2: chart.baseline,
      class: 'db-axis',
    }),
  );
  return root;
}

/** Horizontal bars with row labels on the left and the figure at the bar's end. */
function rowsChart(
  label: string,
  entries: { label: string; value: number; part?: number; colour?: string }[],
  partText?: string,
): SVGSVGElement {
  const box = { width: 520, left: 180, bottom: 20, top: 4, right: 60 };
  const chart = horizontalBars(entries, box);
  const root = chartSvg(box.width, chart.height, label);
  const bottom = chart.height - box.bottom;
  xAxis(root, chart.ticks, box.top, bottom);
  chart.rows.forEach((row, index) => {
    const colour = entries[index]?.colour;
    const total = svg('rect', {
      x: row.x,
      y: row.y,
      width: row.width,
      height: row.height,
      class: partText ? 'db-bar all' : 'db-bar',
    });
    if (colour) total.setAttribute('fill', colour);
    const words =
      partText !== undefined
        ? `${row.label}: ${row.part} ${partText} of ${row.value}`
        : `${row.label}: ${row.value}`;
    root.append(
      svg(
        'text',
        { x: box.left - 6, y: row.y + row.height - 3, 'text-anchor': 'end', class: 'db-label' },
        clip(row.label, 28),
      ),
      titled(total, words),
    );
    if (partText !== undefined && row.partWidth > 0) {
      root.append(
        titled(
          svg('rect', {
            x: row.x,
            y: row.y,
            width: row.partWidth,
            height: row.height,
            class: 'db-bar open',
          }),
          words,
        ),
      );
    }
    root.append(
      svg(
        'text',
        { x: row.x + row.width + 4, y: row.y + row.height - 3, class: 'db-value' },
        partText !== undefined ? `${row.part} / ${row.value}` : String(row.value),
      ),
    );
  });
  return root;
}

function card(title: string, ...content: (Node | string)[]): HTMLElement {
  const section = make('section', undefined, 'db-card');
  section.append(make('h3', title), ...content);
  return section;
}

function figure(value: string, caption: string, className = ''): HTMLElement {
  const box = make('div', undefined, `db-figure ${className}`);
  box.append(make('strong', value), make('span', caption));
  return box;
}

/** The dashboard's content for one reading. */
export function renderDashboard(dashboard: AlertDashboard): HTMLElement[] {
  const raised = dashboard.perHour.reduce((sum, entry) => sum + entry.count, 0);
  const open = dashboard.perStation.reduce((sum, entry) => sum + entry.open, 0);
  const urgent = dashboard.bySeverity.find((entry) => entry.severity === 'urgent')?.count ?? 0;
  const figures = make('div', undefined, 'db-figures');
  figures.append(
    figure(String(raised), `alerts in the last ${dashboard.hours} h`),
    figure(String(open), 'still open'),
    figure(String(urgent), 'urgent', urgent ? 'urgent' : ''),
    ...(dashboard.moneyAtRisk.length
      ? dashboard.moneyAtRisk.map((money) =>
          figure(
            formatMinor(money.amountMinor, money.currency),
            `at risk in open alerts (${money.currency})`,
            'money',
          ),
        )
      : [figure('0', 'money at risk in open alerts', 'money')]),
  );

  const stations = [...dashboard.perStation].sort((a, b) => b.count - a.count || b.open - a.open);
  const legend = make('p', undefined, 'db-legend');
  legend.append(
    make('span', '■', 'db-key open'),
    ' open  ',
    make('span', '■', 'db-key all'),
    ' all alerts',
  );
  const outcomes = dashboard.outcomes.map((entry) => ({
    label:
      entry.outcome in OUTCOME_LABEL
        ? OUTCOME_LABEL[entry.outcome as keyof typeof OUTCOME_LABEL]
        : entry.outcome,
    value: entry.count,
  }));
  const severities = dashboard.bySeverity.map((entry) => {
    const row: { label: string; value: number; colour?: string } = {
      label:
        entry.severity in SEVERITY_LABEL
          ? SEVERITY_LABEL[entry.severity as keyof typeof SEVERITY_LABEL]
          : entry.severity,
      value: entry.count,
    };
    const colour = SEVERITY_COLOUR[entry.severity];
    if (colour) row.colour = colour;
    return row;
  });
  const none = (text: string) => make('p', text, 'hint');
  return [
    figures,
    card(`Alerts per hour (${zoneOffset()}), last ${dashboard.hours} h`, perHourChart(dashboard)),
    card(
      'Alerts per station',
      legend,
      stations.length
        ? rowsChart(
            'Alerts per station, open of all',
            stations.map((entry) => ({
              label: entry.stationId === null ? 'Centre' : (entry.name ?? entry.stationId),
              value: entry.count,
              part: entry.open,
            })),
            'open',
          )
        : none('No alerts in this period.'),
    ),
    card(
      'Outcomes',
      outcomes.length
        ? rowsChart('Outcomes of closed alerts', outcomes)
        : none('No alert closed in this period.'),
    ),
    card(
      'By severity',
      severities.length
        ? rowsChart('Alerts by severity', severities)
        : none('No alerts in this period.'),
    ),
  ];
}

export class Dashboard {
  private hours = 24;
  private timer: ReturnType<typeof setInterval> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | null = null;
  private readonly body = make('div', undefined, 'db-body');
  private readonly status = make('span', '', 'hint');

  constructor(
    root: HTMLElement,
    private readonly stream: AlertStream,
  ) {
    const head = make('div', undefined, 'al-head');
    const title = make('h2', 'Centre dashboard');
    title.id = 'dashboard-title';
    const select = make('select');
    select.id = 'db-hours';
    for (const hours of [24, 72, 168]) {
      const option = make('option', hours === 168 ? 'Last 7 days' : `Last ${hours} hours`);
      option.value = String(hours);
      select.append(option);
    }
    select.addEventListener('change', () => {
      this.hours = Number(select.value) || 24;
      void this.refresh();
    });
    const refresh = make('button', 'Refresh');
    refresh.type = 'button';
    refresh.addEventListener('click', () => void this.refresh());
    head.append(title, select, refresh, make('span', '', 'spacer'), this.status);
    this.body.id = 'db-body';
    root.replaceChildren(head, this.body);
  }

  /** Shown: reads the figures now, every minute, and after alerts arrive. */
  start(): void {
    void this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), REFRESH_MS);
    this.unsubscribe ??= this.stream.subscribe({
      alert: () => {
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
      },
      state: () => undefined,
    });
  }

  /** Hidden: no more readings. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.debounce);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      // The victims' money (stop payments) is read beside the alerts; without it, the alerts show.
      const [dashboard, money] = await Promise.all([
        api<AlertDashboard>('GET', `/alerts/dashboard?hours=${this.hours}`),
        currentStopAccess().read
          ? moneySummary({ days: 7 }).then(moneyCard, (error: unknown) =>
              make('p', `Victims’ money: ${errorMessage(error)}`, 'hint'),
            )
          : null,
      ]);
      const [figures, ...cards] = renderDashboard(dashboard);
      this.body.replaceChildren(...(figures ? [figures] : []), ...(money ? [money] : []), ...cards);
      this.status.textContent = `Updated ${formatTime(Date.now(), { seconds: true })}`;
      this.status.className = 'hint';
    } catch (error) {
      this.status.textContent = errorMessage(error);
      this.status.className = 'error-text';
    }
  }
}
