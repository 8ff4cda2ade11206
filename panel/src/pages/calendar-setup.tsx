// Calendar settings: services (with a CSV price-list import), staff, weekly hours and exceptions.
import { useState } from 'preact/hooks';
import { api, qs } from '../api.ts';
import type { Service, Staff } from '../types.ts';
import { ErrorNote, Field, isoDay, useLoad } from '../ui.tsx';

const WEEK: [string, string][] = [['mon', 'Пн'], ['tue', 'Вт'], ['wed', 'Ср'], ['thu', 'Чт'], ['fri', 'Пт'], ['sat', 'Сб'], ['sun', 'Вс']];
type Hours = Record<string, { open: string; close: string } | null>;

interface Props {
  botId: string;
  team: { staff: Staff[]; services: Service[] } | undefined;
  onChange: () => void;
}

export function CalendarSetup({ botId, team, onChange }: Props) {
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNote(null);
    try {
      await work();
      if (done) setNote(done);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const importCsv = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void run(async () => api('POST', `/bots/${botId}/services/import`, await file.text(), 'text/csv'), 'Прайс-лист загружен');
  };
  return (
    <section class="setup" aria-labelledby="setup-h">
      <h2 id="setup-h">Услуги, мастера, часы</h2>
      <ErrorNote error={error} />
      {note && <p class="note ok" role="status">{note}</p>}
      <div class="columns">
        <div>
          <h3>Услуги</h3>
          <ul>{team?.services.map((s) => <li key={s.id}>{s.name} — {s.duration_min} мин{s.price != null ? `, ${s.price} ₽` : ''}</li>)}</ul>
          <AddForm label="Добавить услугу" fields={[['name', 'Название'], ['duration_min', 'Минут'], ['price', 'Цена']]}
            onSubmit={(v) => run(() => api('POST', `/bots/${botId}/services`, { name: v.name, duration_min: Number(v.duration_min || 60), ...(v.price ? { price: Number(v.price) } : {}) }))} />
          <Field label="Импорт прайс-листа (CSV: Услуга;Длительность;Цена;Синонимы)">
            <input type="file" accept=".csv,text/csv" onChange={importCsv} />
          </Field>
        </div>
        <div>
          <h3>Мастера</h3>
          <ul>{team?.staff.map((s) => <li key={s.id}>{s.name}</li>)}</ul>
          <AddForm label="Добавить мастера" fields={[['name', 'Имя']]}
            onSubmit={(v) => run(() => api('POST', `/bots/${botId}/staff`, { name: v.name, service_ids: team?.services.map((s) => s.id) ?? [] }))} />
        </div>
      </div>
      {team?.staff.map((s) => <StaffHours key={s.id} botId={botId} staff={s} />)}
      <Exceptions botId={botId} />
    </section>
  );
}

function AddForm({ label, fields, onSubmit }: { label: string; fields: [string, string][]; onSubmit: (v: Record<string, string>) => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <form class="inline-form" aria-label={label} onSubmit={(e) => { e.preventDefault(); onSubmit(values); setValues({}); }}>
      {fields.map(([k, l]) => (
        <Field key={k} label={l}><input value={values[k] ?? ''} required={k === 'name'} onInput={(e) => setValues({ ...values, [k]: (e.target as HTMLInputElement).value })} /></Field>
      ))}
      <button type="submit" class="secondary">{label}</button>
    </form>
  );
}

function StaffHours({ botId, staff }: { botId: string; staff: Staff }) {
  const hours = useLoad(() => api<Hours>('GET', `/bots/${botId}/staff/${staff.id}/hours`), [botId, staff.id]);
  const [draft, setDraft] = useState<Hours | null>(null);
  const [state, setState] = useState<unknown>(null);
  const h = draft ?? hours.data ?? {};
  const set = (day: string, part: 'open' | 'close' | 'off', value: string | boolean) => {
    const cur = h[day] ?? { open: '10:00', close: '19:00' };
    setDraft({ ...h, [day]: part === 'off' ? (value ? null : cur) : { ...cur, [part]: value as string } });
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const body = Object.fromEntries(WEEK.map(([d]) => [d, h[d] ?? null]));
    await api('PUT', `/bots/${botId}/staff/${staff.id}/hours`, body).then(() => setState('Сохранено'), setState);
  };
  if (!hours.data && !draft) return <p class="hours muted" aria-busy="true">Часы работы: {staff.name} — загрузка…</p>;
  return (
    <form class="hours" onSubmit={save} aria-label={`Часы работы: ${staff.name}`}>
      <h3>Часы работы: {staff.name}</h3>
      <div class="hours-grid">
        {WEEK.map(([d, label]) => (
          <fieldset key={d}>
            <legend>{label}</legend>
            <label class="check"><input type="checkbox" checked={!h[d]} onChange={(e) => set(d, 'off', (e.target as HTMLInputElement).checked)} /> выходной</label>
            {h[d] && <>
              <input type="time" aria-label={`${label}: с`} value={h[d]!.open} onChange={(e) => set(d, 'open', (e.target as HTMLInputElement).value)} />
              <input type="time" aria-label={`${label}: до`} value={h[d]!.close} onChange={(e) => set(d, 'close', (e.target as HTMLInputElement).value)} />
            </>}
          </fieldset>
        ))}
      </div>
      <button type="submit" class="secondary">Сохранить часы</button>
      {typeof state === 'string' ? <span role="status"> {state}</span> : <ErrorNote error={state} />}
    </form>
  );
}

function Exceptions({ botId }: { botId: string }) {
  const list = useLoad(() => api<{ exceptions: { id: string; date: string; open: string | null; close: string | null; note?: string | null }[] }>('GET', `/bots/${botId}/exceptions${qs({ from: isoDay(new Date()) })}`).then((r) => r.exceptions), [botId]);
  const [date, setDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    await api('POST', `/bots/${botId}/exceptions`, { date, note: 'выходной' }).then(list.reload, setError);
  };
  return (
    <form class="inline-form" onSubmit={add} aria-label="Исключения">
      <h3>Праздники и выходные</h3>
      <ul>
        {list.data?.map((x) => (
          <li key={x.id}>{x.date}: {x.open ? `${x.open}–${x.close}` : 'закрыто'}{x.note ? ` (${x.note})` : ''}{' '}
            <button type="button" class="link" onClick={() => api('DELETE', `/bots/${botId}/exceptions/${x.id}`).then(list.reload, setError)}>убрать</button>
          </li>
        ))}
      </ul>
      <Field label="Закрыто в день"><input type="date" required value={date} onChange={(e) => setDate((e.target as HTMLInputElement).value)} /></Field>
      <button type="submit" class="secondary">Добавить</button>
      <ErrorNote error={error} />
    </form>
  );
}
