// The call list: filters, server-side cursor pages of 50 (fast at any number of calls), a row per call.
import { useState } from 'preact/hooks';
import { api, qs } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import type { CallSummary } from '../types.ts';
import { ErrorNote, Field, fmtDateTime, fmtDuration, OUTCOMES, outcomeLabel, Page, STATUSES, useLoad } from '../ui.tsx';

const PAGE_SIZE = 50;

export function CallsPage({ bot, bots }: PageProps) {
  const [filters, setFilters] = useState({ bot_id: bot.id, outcome: '', from: '', to: '', phone: '' });
  const [cursors, setCursors] = useState<string[]>([]); // cursors of the pages before the current one
  const cursor = cursors.at(-1);
  const list = useLoad(
    () => api<{ calls: CallSummary[]; next_cursor: string | null }>('GET', `/calls${qs({
      bot_id: filters.bot_id, outcome: filters.outcome, phone: filters.phone,
      from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : '',
      to: filters.to ? new Date(`${filters.to}T23:59:59`).toISOString() : '',
      limit: PAGE_SIZE, cursor,
    })}`),
    [JSON.stringify(filters), cursor],
  );
  const set = (k: keyof typeof filters) => (e: Event) => {
    setCursors([]);
    setFilters({ ...filters, [k]: (e.target as HTMLInputElement).value });
  };
  const calls = list.data?.calls ?? [];
  return (
    <Page title="Звонки">
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Фильтры звонков">
        <Field label="Бот">
          <select value={filters.bot_id} onChange={set('bot_id')}>
            <option value="">Все боты</option>
            {bots.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </Field>
        <Field label="Итог">
          <select value={filters.outcome} onChange={set('outcome')}>
            <option value="">Любой</option>
            {Object.entries(OUTCOMES).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field label="С даты"><input type="date" value={filters.from} onChange={set('from')} /></Field>
        <Field label="По дату"><input type="date" value={filters.to} onChange={set('to')} /></Field>
        <Field label="Телефон" hint="хотя бы 3 цифры"><input type="search" inputMode="tel" value={filters.phone} onChange={set('phone')} /></Field>
      </form>
      <ErrorNote error={list.error} />
      <table class="calls" aria-busy={list.loading}>
        <thead>
          <tr><th>Когда</th><th>Номер</th><th>Итог</th><th>Длительность</th><th>Кратко</th><th>Статус</th></tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={c.id}>
              <td data-label="Когда"><a href={`#/call/${c.id}`}>{fmtDateTime(c.started_at)}</a></td>
              <td data-label="Номер">{c.caller_number ?? (c.channel === 'web' ? 'тест из панели' : '—')}</td>
              <td data-label="Итог">{outcomeLabel(c.outcome)}</td>
              <td data-label="Длительность">{fmtDuration(c.duration_ms)}</td>
              <td data-label="Кратко" class="summary">{c.summary ?? '—'}</td>
              <td data-label="Статус">{STATUSES[c.status] ?? c.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!list.loading && calls.length === 0 && <p class="muted">Звонков по этим условиям нет.</p>}
      <div class="pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>← Новее</button>
        <span>Страница {cursors.length + 1}</span>
        <button type="button" disabled={!list.data?.next_cursor} onClick={() => setCursors([...cursors, list.data!.next_cursor!])}>Старее →</button>
      </div>
    </Page>
  );
}
