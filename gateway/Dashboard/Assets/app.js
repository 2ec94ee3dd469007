// Finance page of the gateway: reads /admin/spend and /admin/budgets with the admin credential and draws
// the answers as hand-written SVG. Served under a CSP that forbids inline code, CDNs and inline styles.
//
// Team and app names are chosen by whoever issues tokens, so every piece of data reaches the DOM through
// textContent or setAttribute, never as markup.
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const STORAGE_KEY = 'aigw.dashboard.credential';
  const FORBIDDEN_TEXT = 'This credential cannot read spend (finance or admin role needed)';
  const PALETTE = ['#2f6fde', '#e07b39', '#2e9e6b', '#8e5bd6', '#d23b78', '#1b9aaa', '#b5a000', '#6b7a99', '#c8553d', '#4c956c'];

  const $ = (id) => document.getElementById(id);
  const chart = (name) => document.querySelector(`svg[data-chart="${name}"]`);

  let generation = 0;
  let currency = 'USD';

  // ---- credential -------------------------------------------------------------------------------------
  // sessionStorage only: it dies with the tab and is never sent anywhere but this gateway's admin API.
  // A link may carry the credential once as #key=...; a fragment never reaches any server (not this one,
  // not a proxy log), and it is removed from the address bar and history before anything is fetched.

  function takeCredentialFromFragment() {
    const hash = location.hash.startsWith('#') ? location.hash.slice(1) : '';
    if (!hash) {
      return;
    }
    const key = new URLSearchParams(hash).get('key');
    if (key) {
      sessionStorage.setItem(STORAGE_KEY, key);
    }
    history.replaceState(null, '', location.pathname + location.search);
  }

  const credential = () => sessionStorage.getItem(STORAGE_KEY);

  function showSignIn(message) {
    $('report').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    setState('signed-out', message || 'Sign in with an admin API credential.');
    $('credential').focus();
  }

  // ---- money and dates ---------------------------------------------------------------------------------

  function decimalsFor(micros) {
    const abs = Math.abs(micros);
    if (abs === 0 || abs >= 1_000_000) {
      return 2;
    }
    return abs >= 10_000 ? 4 : 6;
  }

  function money(micros, decimals) {
    const d = decimals ?? decimalsFor(micros);
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: d, maximumFractionDigits: d })
      .format(micros / 1_000_000);
  }

  const count = (n) => new Intl.NumberFormat('en-US').format(n);

  const percent = (ratio) => `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)}%`;

  // Just enough decimals to show an axis step exactly (a step is a whole number of micro-dollars).
  function axisDecimals(stepMicros) {
    for (let d = 2; d < 6; d++) {
      if (stepMicros % 10 ** (6 - d) === 0) {
        return d;
      }
    }
    return 6;
  }

  // A round axis maximum: four steps of 1, 2, 2.5 or 5 times a power of ten.
  function niceMax(max) {
    const raw = Math.max(max, 4) / 4;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
    return step * 4;
  }

  const isoDay = (date) => date.toISOString().slice(0, 10);

  function daysBetween(from, to) {
    const days = [];
    const end = Date.parse(`${to}T00:00:00Z`);
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 400; t += 86_400_000) {
      days.push(isoDay(new Date(t)));
    }
    return days;
  }

  // The month's first day to its last, or to today (UTC) for the current month: spend is kept in UTC days.
  function monthRange(month) {
    const [y, m] = month.split('-').map(Number);
    const first = new Date(Date.UTC(y, m - 1, 1));
    const last = new Date(Date.UTC(y, m, 0));
    const today = isoDay(new Date());
    const to = isoDay(last) < today ? isoDay(last) : today;
    return { from: isoDay(first), to: to < isoDay(first) ? isoDay(first) : to };
  }

  // ---- SVG helpers -------------------------------------------------------------------------------------

  function svgEl(name, attrs, text) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs || {})) {
      node.setAttribute(k, String(v));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function titled(node, text) {
    node.appendChild(svgEl('title', {}, text));
    return node;
  }

  function reset(svg, width, height, label) {
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('aria-label', label);
  }

  function empty(svg, width, label) {
    reset(svg, width, 60, `${label}: no spend in this range`);
    svg.appendChild(svgEl('text', { x: width / 2, y: 34, 'text-anchor': 'middle', class: 'empty' }, 'No spend in this range'));
  }

  const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

  // Horizontal bars: one row per item {key, label, value, detail}. Values are micro-dollars.
  function horizontalBars(svg, label, items, colorOf, labelWidth = 190) {
    const width = 640;
    if (items.length === 0) {
      empty(svg, width, label);
      return;
    }
    const valueWidth = 110;
    const row = 30;
    const barMax = width - labelWidth - valueWidth;
    const max = Math.max(...items.map((i) => i.value), 1);
    reset(svg, width, items.length * row + 8, `${label}: ${items.map((i) => `${i.label} ${money(i.value)}`).join(', ')}`);
    items.forEach((item, index) => {
      const y = index * row + 4;
      const g = svgEl('g', {});
      titled(g, `${item.detail || item.label}: ${money(item.value)}`);
      g.appendChild(svgEl('text', { x: labelWidth - 10, y: y + row / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, clip(item.label, Math.floor(labelWidth / 6.8))));
      g.appendChild(svgEl('rect', {
        x: labelWidth, y: y + 4, height: row - 10, rx: 3,
        width: Math.max((item.value / max) * barMax, item.value > 0 ? 2 : 0).toFixed(1),
        fill: colorOf(item, index),
        'data-key': item.key, 'data-value': item.value,
      }));
      g.appendChild(svgEl('text', { x: width - valueWidth + 8, y: y + row / 2, 'dominant-baseline': 'middle', class: 'value' }, money(item.value)));
      svg.appendChild(g);
    });
  }

  // Columns over every day of the range; days without spend get an empty column so gaps are visible.
  function dayColumns(svg, from, to, rows) {
    const width = 1280;
    const height = 280;
    const left = 78;
    const bottom = 26;
    const top = 12;
    const days = daysBetween(from, to);
    const byDay = new Map(rows.map((r) => [r.day, r.costMicros]));
    const max = niceMax(Math.max(...days.map((d) => byDay.get(d) || 0)));
    const plotHeight = height - top - bottom;
    const step = (width - left - 8) / Math.max(days.length, 1);
    const total = days.reduce((s, d) => s + (byDay.get(d) || 0), 0);
    reset(svg, width, height, `Spend by day, ${from} to ${to}: ${money(total)} over ${days.length} days`);

    for (let i = 0; i <= 4; i++) {
      const y = top + plotHeight - (plotHeight * i) / 4;
      svg.appendChild(svgEl('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }));
      svg.appendChild(svgEl('text', { x: left - 8, y, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'axis' },
        money((max * i) / 4, axisDecimals(max / 4))));
    }
    const labelEvery = Math.ceil(days.length / 16);
    days.forEach((day, i) => {
      const value = byDay.get(day) || 0;
      const h = (value / max) * plotHeight;
      const x = left + i * step;
      svg.appendChild(titled(svgEl('rect', {
        x: (x + step * 0.15).toFixed(1), y: (top + plotHeight - h).toFixed(1),
        width: Math.max(step * 0.7, 1).toFixed(1), height: Math.max(h, value > 0 ? 1 : 0).toFixed(1),
        rx: 2, class: 'column', 'data-key': day, 'data-value': value,
      }), `${day}: ${money(value)}`));
      if (i % labelEvery === 0) {
        svg.appendChild(svgEl('text', { x: x + step / 2, y: height - 8, 'text-anchor': 'middle', class: 'axis' }, day.slice(5)));
      }
    });
  }

  // Budget bars drawn against each team's cap; the dashed line marks the alert threshold.
  function budgetBars(svg, budgets) {
    const width = 640;
    const label = 'Budget use per team';
    const teams = budgets.teams || [];
    if (teams.length === 0) {
      empty(svg, width, label);
      return;
    }
    const labelWidth = 140;
    const textWidth = 260;
    const row = 34;
    const barMax = width - labelWidth - textWidth;
    const describe = (t) => (t.limitMicros > 0
      ? `${money(t.spentMicros)} of ${money(t.limitMicros)} · ${percent(t.usedRatio)}`
      : `${money(t.spentMicros)} · no cap`);
    reset(svg, width, teams.length * row + 8, `${label}, ${budgets.month}: ${teams.map((t) => `${t.team} ${describe(t)}${t.suspended ? ', suspended' : ''}`).join('; ')}`);
    // A team without a cap has nothing to be measured against; its bar uses the largest cap (or the largest
    // spend) as the scale, so it compares with the other rows without pretending to be "full".
    const scale = Math.max(...teams.map((t) => (t.limitMicros > 0 ? t.limitMicros : t.spentMicros)), 1);
    teams.forEach((t, index) => {
      const y = index * row + 4;
      const capped = t.limitMicros > 0;
      const alert = (t.alertPercent ?? 100) / 100;
      const ratio = capped ? t.usedRatio : t.spentMicros / scale;
      const level = !capped ? 'uncapped' : (t.suspended || t.usedRatio >= 1 ? 'over' : t.usedRatio >= alert ? 'warn' : 'ok');
      const g = titled(svgEl('g', {}), `${t.team}: ${describe(t)}${t.reservedMicros > 0 ? `, ${money(t.reservedMicros)} reserved` : ''}${t.suspended ? ', suspended' : ''}`);
      g.appendChild(svgEl('text', { x: labelWidth - 10, y: y + row / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, clip(t.team, 22)));
      g.appendChild(svgEl('rect', { x: labelWidth, y: y + 6, width: barMax, height: row - 14, rx: 3, class: capped ? 'track' : 'track open' }));
      g.appendChild(svgEl('rect', {
        x: labelWidth, y: y + 6, height: row - 14, rx: 3, class: level,
        width: Math.max(Math.min(ratio, 1) * barMax, t.spentMicros > 0 ? 2 : 0).toFixed(1),
        'data-key': t.team, 'data-value': t.spentMicros, 'data-limit': t.limitMicros, 'data-level': level,
      }));
      if (capped && alert < 1) {
        const ax = labelWidth + alert * barMax;
        g.appendChild(svgEl('line', { x1: ax, x2: ax, y1: y + 3, y2: y + row - 5, class: 'alert' }));
      }
      g.appendChild(svgEl('text', { x: width - textWidth + 10, y: y + row / 2, 'dominant-baseline': 'middle', class: 'value' },
        describe(t) + (t.suspended ? ' · suspended' : '')));
      svg.appendChild(g);
    });
  }

  function tokensTable(rows) {
    const body = $('tokens-table').tBodies[0];
    body.replaceChildren();
    for (const r of rows) {
      const tr = document.createElement('tr');
      const cells = [
        [r.token, 'mono'], [r.team, ''], [r.app, ''],
        [count(r.requests), 'num'], [count(r.inputTokens), 'num'], [count(r.outputTokens), 'num'], [money(r.costMicros), 'num'],
      ];
      for (const [text, cls] of cells) {
        const td = document.createElement('td');
        td.textContent = text ?? '';
        if (cls) {
          td.className = cls;
        }
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 7;
      td.textContent = 'No spend in this range';
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  // ---- loading -----------------------------------------------------------------------------------------

  class HttpError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function getJson(path, key) {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) {
      let message = `HTTP ${response.status}`;
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) {
          message = `${message}: ${body.error.message}`;
        }
      } catch {
        // Not an OpenAI-shaped error body; the status says enough.
      }
      throw new HttpError(response.status, message);
    }
    return response.json();
  }

  function setState(state, message) {
    document.body.dataset.state = state;
    $('status').textContent = message || '';
  }

  async function load() {
    const key = credential();
    if (!key) {
      showSignIn();
      return;
    }
    const from = $('from').value;
    const to = $('to').value;
    if (!from || !to || from > to) {
      setState('error', 'Pick a range whose start is not after its end.');
      return;
    }
    const mine = ++generation;
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    setState('loading', `Loading ${from} to ${to}…`);

    const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    let results;
    try {
      results = await Promise.all([
        getJson(`/admin/spend?${range}&groupBy=team`, key),
        getJson(`/admin/spend?${range}&groupBy=model`, key),
        getJson(`/admin/spend?${range}&groupBy=day`, key),
        getJson(`/admin/spend?${range}&groupBy=token&limit=10`, key),
        getJson('/admin/budgets', key),
      ]);
    } catch (error) {
      if (mine !== generation) {
        return;
      }
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
        if (error.status === 401) {
          sessionStorage.removeItem(STORAGE_KEY);
        }
        showSignIn(FORBIDDEN_TEXT);
        document.body.dataset.state = 'error';
        return;
      }
      $('report').hidden = true;
      setState('error', `Could not load spend: ${error.message}`);
      return;
    }
    if (mine !== generation) {
      return;
    }
    try {
      render(from, to, ...results);
    } catch (error) {
      $('report').hidden = true;
      setState('error', `Could not draw the report: ${error.message}`);
    }
  }

  function render(from, to, byTeam, byModel, byDay, byToken, budgets) {
    currency = byTeam.currency || 'USD';
    const total = byTeam.total || { costMicros: 0, requests: 0, inputTokens: 0, outputTokens: 0 };
    const output = $('total-cost');
    output.textContent = money(total.costMicros);
    output.dataset.value = String(total.costMicros);
    $('total-detail').textContent =
      `${count(total.requests)} requests · ${count(total.inputTokens)} input and ${count(total.outputTokens)} output tokens · ${byTeam.from} to ${byTeam.to} (UTC)`;

    horizontalBars(chart('team'), 'Spend by team',
      byTeam.rows.map((r) => ({ key: r.team, label: r.team, value: r.costMicros, detail: `${r.team}, ${count(r.requests)} requests` })),
      (_, i) => PALETTE[i % PALETTE.length]);
    horizontalBars(chart('model'), 'Spend by model',
      byModel.rows.map((r) => ({ key: r.model, label: r.model, value: r.costMicros, detail: `${r.model}, ${count(r.requests)} requests` })),
      (_, i) => PALETTE[(i + 3) % PALETTE.length]);
    dayColumns(chart('day'), from, to, byDay.rows);
    $('budget-month').textContent = budgets.month ? `(${budgets.month})` : '';
    budgetBars(chart('budget'), budgets);

    const teamColor = new Map(byTeam.rows.map((r, i) => [r.team, PALETTE[i % PALETTE.length]]));
    horizontalBars(chart('tokens'), 'Top 10 tokens by spend',
      byToken.rows.map((r) => ({ key: r.token, label: `${r.team} / ${r.app}`, value: r.costMicros, detail: `${r.token} (${r.team} / ${r.app})` })),
      (item, i) => teamColor.get(byToken.rows[i].team) || PALETTE[i % PALETTE.length], 250);
    tokensTable(byToken.rows);

    $('report').hidden = false;
    setState('ready', `Spend ${from} to ${to} (UTC days), budgets for ${budgets.month || 'this month'}. Updated ${new Date().toISOString().slice(11, 19)} UTC.`);
  }

  // ---- wiring ------------------------------------------------------------------------------------------

  function setRange(month) {
    const { from, to } = monthRange(month);
    $('month').value = month;
    $('from').value = from;
    $('to').value = to;
  }

  function start() {
    takeCredentialFromFragment();
    setRange(new Date().toISOString().slice(0, 7));

    $('month').addEventListener('change', () => {
      if ($('month').value) {
        setRange($('month').value);
        load();
      }
    });
    $('range-form').addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
    $('sign-in-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('credential').value.trim();
      $('credential').value = '';
      if (value) {
        sessionStorage.setItem(STORAGE_KEY, value);
        load();
      }
    });
    $('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(STORAGE_KEY);
      generation++;
      showSignIn('Signed out.');
    });
    load();
  }

  start();
})();
