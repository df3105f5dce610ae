// The KAM dashboard: one page, plain JavaScript, charts by ECharts (a WebJar). It reads the same
// /api/v1 endpoints as every other client, signed in by the session the OAuth2 login made; what a
// person sees follows from their roles (GET /api/v1/me names the sections).
'use strict';

const TIER_COLOURS = { KEY: '#c0392b', POTENTIAL: '#e67e22', REGULAR: '#95a5a6' };
const SECTION_TITLES = {
  PORTFOLIO: 'Portfolio', ACCOUNTS: 'Key accounts', STOCK: 'Stock', NOTIFICATIONS: 'Notifications',
  INTELLIGENCE: 'Intelligence'
};
const loaded = new Set();
const charts = {};

const money = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

function csrfToken() {
  const cookie = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    // The session ended: sign in again, then come back here.
    window.location.assign('/dashboard/');
    throw new Error('signed out');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || (path + ' answered ' + response.status));
  }
  return response.json();
}

function status(text) {
  document.getElementById('status').textContent = text;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function fill(tableId, rows, render, emptyText) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren();
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const td = cell(row, emptyText, 'empty');
    td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
    body.appendChild(row);
    return;
  }
  for (const item of rows) {
    const row = document.createElement('tr');
    render(row, item);
    body.appendChild(row);
  }
}

function chart(id, option) {
  const element = document.getElementById(id);
  if (!charts[id]) {
    charts[id] = echarts.init(element);
    window.addEventListener('resize', () => charts[id].resize());
  }
  charts[id].setOption(option, true);
  return charts[id];
}

function card(label, value, id) {
  const div = document.createElement('div');
  div.className = 'card';
  div.id = id;
  const v = document.createElement('div');
  v.className = 'value';
  v.textContent = value;
  const l = document.createElement('div');
  l.className = 'label';
  l.textContent = label;
  div.append(v, l);
  return div;
}

async function loadPortfolio() {
  const [pareto, concentration, tiers, movers] = await Promise.all([
    api('/api/v1/portfolio/pareto?days=365&points=200'),
    api('/api/v1/portfolio/concentration?days=365'),
    api('/api/v1/portfolio/tiers?months=24'),
    api('/api/v1/portfolio/movers?days=90&limit=8')]);
  const c = concentration.view;
  const top5 = c.top.find(t => t.n === 5);
  document.getElementById('portfolio-cards').replaceChildren(
    card('revenue, last 12 months', money.format(c.revenue), 'card-revenue'),
    card('key-account share (' + c.keyAccounts + ' key accounts)', c.keyShare === null ? '–' : percent.format(c.keyShare), 'card-key-share'),
    card('of accounts make 80 % of revenue', pareto.view.accountShareFor80 === null ? '–'
      : percent.format(pareto.view.accountShareFor80) + ' (' + pareto.view.ranksFor80 + ' of ' + pareto.view.accounts + ')', 'card-pareto'),
    card('top-5 share', top5 && top5.share !== null ? percent.format(top5.share) : '–', 'card-top5'),
    card('concentration (HHI, 0–10,000)', money.format(c.hhi), 'card-hhi'));

  const points = pareto.view.points;
  chart('pareto-chart', {
    tooltip: { trigger: 'axis' },
    legend: { data: ['revenue', 'cumulative share'] },
    grid: { left: 70, right: 60, bottom: 40, top: 40 },
    xAxis: { type: 'category', name: 'accounts by rank', nameLocation: 'middle', nameGap: 26, data: points.map(p => p.rank) },
    yAxis: [{ type: 'value', name: 'revenue' }, { type: 'value', name: 'share', min: 0, max: 1,
      axisLabel: { formatter: v => percent.format(v) } }],
    series: [
      { name: 'revenue', type: 'bar', data: points.map(p => ({ value: Number(p.amount), itemStyle: { color: TIER_COLOURS[p.tier] },
        name: p.accountId })) },
      { name: 'cumulative share', type: 'line', yAxisIndex: 1, showSymbol: false, data: points.map(p => p.cumulativeShare),
        markLine: { silent: true, symbol: 'none', label: { formatter: '80 %', position: 'insideStartTop' }, data: [{ yAxis: 0.8 }] } }]
  });

  chart('tiers-chart', {
    tooltip: { trigger: 'axis' },
    legend: { data: ['KEY', 'POTENTIAL', 'REGULAR'] },
    grid: { left: 60, right: 20, bottom: 40, top: 40 },
    xAxis: { type: 'category', data: tiers.map(m => m.month) },
    yAxis: { type: 'value', name: 'accounts' },
    series: ['KEY', 'POTENTIAL', 'REGULAR'].map(tier => ({
      name: tier, type: 'line', stack: 'tiers', areaStyle: {}, showSymbol: false,
      itemStyle: { color: TIER_COLOURS[tier] }, data: tiers.map(m => m[tier.toLowerCase()]) }))
  });

  const moved = movers.view.up.concat(movers.view.down);
  fill('movers-table', moved, (row, m) => {
    cell(row, m.accountId);
    cell(row, m.tier, 'tier-' + m.tier);
    cell(row, money.format(m.previous), 'n');
    cell(row, money.format(m.current), 'n');
    cell(row, (Number(m.change) > 0 ? '+' : '') + money.format(m.change)
      + (m.changeShare === null ? ' (new)' : ' (' + percent.format(m.changeShare) + ')'), 'n ' + (Number(m.change) > 0 ? 'up' : 'down'));
  }, 'No account moved in the period.');

  const migrations = tiers.slice().reverse().flatMap(m => m.migrations.map(g => ({ month: m.month, ...g })));
  fill('migrations-table', migrations.slice(0, 30), (row, m) => {
    cell(row, m.month);
    cell(row, m.from, 'tier-' + m.from);
    cell(row, m.to, 'tier-' + m.to);
    cell(row, m.accounts, 'n');
  }, 'No account changed tier in these months.');
}

async function loadAccounts() {
  const [accounts, lines] = await Promise.all([api('/api/v1/market-signals/accounts'),
    api('/api/v1/market-signals/product-lines')]);
  const select = document.getElementById('account-select');
  select.replaceChildren(...accounts.map(id => new Option(id, id)));
  const lineSelect = document.getElementById('line-select');
  lineSelect.replaceChildren(...lines.map(line => new Option(line, line)));
  lineSelect.onchange = () => drawLine(lineSelect.value).catch(e => status(e.message));
  if (lines.length > 0) {
    await drawLine(lines[0]);
  } else {
    document.getElementById('line-caption').textContent = 'No product lines known yet.';
  }
  if (accounts.length === 0) {
    document.getElementById('account-caption').textContent = 'No key accounts yet.';
    return;
  }
  select.onchange = () => drawAccount(select.value).catch(e => status(e.message));
  await drawAccount(accounts[0]);
}

/** Weekly sales and their baseline, the series' market signals marked as pins. */
function seriesChart(chartId, series) {
  const weeks = series.weeks.map(w => w.weekStart);
  const marks = series.signals.filter(s => weeks.includes(s.weekStart)).map(s => ({
    name: s.kind, coord: [s.weekStart, s.value], value: s.kind.replace('_', ' '),
    itemStyle: { color: s.direction === 'UP' ? '#1e8449' : '#c0392b' } }));
  chart(chartId, {
    tooltip: { trigger: 'axis' },
    legend: { data: ['sales', 'baseline'] },
    grid: { left: 70, right: 20, bottom: 40, top: 50 },
    xAxis: { type: 'category', data: weeks },
    yAxis: { type: 'value', name: 'sales per week' },
    series: [
      { name: 'sales', type: 'line', showSymbol: false, data: series.weeks.map(w => w.sales),
        markPoint: { symbol: 'pin', symbolSize: 46, label: { fontSize: 9 }, data: marks } },
      { name: 'baseline', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: series.weeks.map(w => w.baseline) }]
  });
}

async function drawAccount(accountId) {
  const series = await api('/api/v1/market-signals/series?weeks=104&accountId=' + encodeURIComponent(accountId));
  document.getElementById('account-caption').textContent = accountId
    + ': weekly sales against the expected seasonal baseline, ' + series.signals.length + ' market signal(s) marked';
  seriesChart('account-chart', series);
  fill('signals-table', series.signals, (row, s) => {
    cell(row, s.weekStart);
    cell(row, s.kind, s.direction === 'UP' ? 'up' : 'down');
    cell(row, money.format(s.value), 'n');
    cell(row, money.format(s.baseline), 'n');
    cell(row, s.score, 'n');
  }, 'No market signal for this account.');
}

async function drawLine(productLine) {
  const series = await api('/api/v1/market-signals/product-line-series?weeks=104&productLine=' + encodeURIComponent(productLine));
  document.getElementById('line-caption').textContent = productLine
    + ': weekly sales of all accounts against the expected seasonal baseline, ' + series.signals.length + ' market signal(s) marked';
  seriesChart('line-chart', series);
}

async function loadStock() {
  const skus = await api('/api/v1/stock?days=30&limit=40');
  chart('stock-chart', {
    tooltip: { trigger: 'axis' },
    legend: { data: ['protected', 'short', 'backordered'] },
    grid: { left: 60, right: 20, bottom: 80, top: 40 },
    xAxis: { type: 'category', data: skus.map(s => s.sku), axisLabel: { rotate: 40 } },
    yAxis: { type: 'value', name: 'units' },
    series: [
      { name: 'protected', type: 'bar', data: skus.map(s => s.reserved), itemStyle: { color: '#2980b9' } },
      { name: 'short', type: 'bar', data: skus.map(s => s.shortage), itemStyle: { color: '#e67e22' } },
      { name: 'backordered', type: 'bar', data: skus.map(s => s.backordered), itemStyle: { color: '#c0392b' } }]
  });
  fill('stock-table', skus, (row, s) => {
    cell(row, s.sku);
    cell(row, s.reserved, 'n');
    cell(row, s.requested, 'n');
    cell(row, s.shortage, 'n');
    cell(row, s.accounts, 'n');
    cell(row, s.stockOuts, 'n');
    cell(row, s.backordered, 'n');
  }, 'No protected stock and no key-account stock-out yet.');
}

async function loadNotifications(me) {
  const select = document.getElementById('department-select');
  const severity = document.getElementById('severity-select');
  const openOnly = document.getElementById('open-only');
  if (select.options.length === 0) {
    const departments = ['PRODUCTION', 'PRODUCT_DEVELOPMENT', 'MARKETING', 'TRANSPORT', 'MANAGEMENT'];
    select.append(new Option('all departments', ''), ...departments.map(d => new Option(d, d)));
    select.value = me.departments.length < departments.length ? me.departments[0] : '';
    const reload = () => loadNotifications(me).catch(e => status(e.message));
    select.onchange = reload;
    severity.onchange = reload;
    openOnly.onchange = reload;
  }
  const query = new URLSearchParams({ limit: '100' });
  if (select.value) {
    query.set('department', select.value);
  }
  if (severity.value) {
    query.set('severity', severity.value);
  }
  if (openOnly.checked) {
    query.set('acknowledged', 'false');
  }
  const notifications = await api('/api/v1/notifications?' + query);
  fill('notifications-table', notifications, (row, n) => {
    row.dataset.id = n.id;
    cell(row, new Date(n.occurredAt).toLocaleString());
    cell(row, n.department);
    cell(row, n.severity, 'severity-' + n.severity);
    cell(row, n.kind);
    cell(row, n.accountId || n.sku || '');
    cell(row, n.message);
    const seen = cell(row, n.acknowledgedBy ? 'seen by ' + n.acknowledgedBy : '');
    if (!n.acknowledgedBy) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'acknowledge';
      button.textContent = 'Acknowledge';
      button.onclick = () => acknowledge(n.id).then(() => loadNotifications(me)).catch(e => status(e.message));
      seen.appendChild(button);
    }
  }, 'Nothing to tell this department yet.');
}

/** Changing calls carry the CSRF token the page was given (cookie XSRF-TOKEN, header X-XSRF-TOKEN). */
async function acknowledge(id) {
  const response = await fetch('/api/v1/notifications/' + encodeURIComponent(id) + '/acknowledge', {
    method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken(), Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error('could not acknowledge: ' + response.status);
  }
}

async function loadIntelligence() {
  const form = document.getElementById('intelligence-filters');
  const classes = form.elements['class'];
  if (classes.options.length === 1) {
    for (const c of ['MARKET', 'COMPETITOR', 'CUSTOMER', 'PRODUCT', 'LOGISTICS', 'REGULATION', 'OTHER']) {
      classes.append(new Option(c.toLowerCase(), c));
    }
    form.onsubmit = event => {
      event.preventDefault();
      loadIntelligence().catch(e => status(e.message));
    };
  }
  const query = new URLSearchParams();
  for (const name of ['class', 'credibility', 'account', 'q']) {
    if (form.elements[name].value) {
      query.set(name, form.elements[name].value);
    }
  }
  query.set('size', '50');
  const page = await api('/api/v1/intelligence?' + query);
  fill('intelligence-table', page.items, (row, item) => {
    cell(row, item.number);
    cell(row, item.title);
    cell(row, item.informationClass.toLowerCase());
    cell(row, item.standing);
    cell(row, item.credibility, 'n');
    cell(row, item.independentSources.join(', '));
    cell(row, item.firstReported);
    const assessed = (item.expertAssessments || []).filter(a => a.assessedAt);
    cell(row, assessed.length === 0
      ? ((item.expertAssessments || []).length > 0 ? 'awaited from ' + item.expertAssessments.map(a => a.expert).join(', ') : '')
      : assessed.map(a => a.impact + ' impact, demand ' + a.demandEffect.toLowerCase().replace('_', ' ') + ': '
        + a.reaction + ' (' + a.expert + ')').join(' · '));
  }, 'No item matches.');
}

const LOADERS = { PORTFOLIO: loadPortfolio, ACCOUNTS: loadAccounts, STOCK: loadStock, NOTIFICATIONS: loadNotifications,
  INTELLIGENCE: loadIntelligence };

async function show(sectionId, me) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.id !== sectionId;
  }
  for (const button of document.querySelectorAll('nav button')) {
    button.setAttribute('aria-current', String(button.dataset.section === sectionId));
  }
  status('Loading ' + SECTION_TITLES[sectionId].toLowerCase() + '…');
  try {
    await LOADERS[sectionId](me);
    loaded.add(sectionId);
    status('');
    Object.values(charts).forEach(c => c.resize());
  } catch (e) {
    status('Could not load ' + SECTION_TITLES[sectionId].toLowerCase() + ': ' + e.message);
  }
}

async function signOut() {
  await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken() } });
  window.location.assign('/dashboard/signed-out.html');
}

async function start() {
  const me = await api('/api/v1/me');
  document.getElementById('person').textContent = me.name + ' (' + me.roles.join(', ') + ')';
  document.getElementById('sign-out').onclick = () => signOut();
  const nav = document.getElementById('sections');
  for (const sectionId of me.sections) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.section = sectionId;
    button.id = 'show-' + sectionId;
    button.textContent = SECTION_TITLES[sectionId];
    button.onclick = () => show(sectionId, me);
    nav.appendChild(button);
  }
  if (me.sections.length === 0) {
    status('Your roles show no section of this dashboard.');
    return;
  }
  await show(me.sections[0], me);
}

document.addEventListener('DOMContentLoaded', () => start().catch(e => status(e.message)));
