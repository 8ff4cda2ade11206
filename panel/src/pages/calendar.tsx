// The built-in calendar: a day or a week by staff member; book, move and cancel; services, staff and hours below.
import { useState } from 'preact/hooks';
import { api, qs } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import type { Appointment, Service, Staff } from '../types.ts';
import { addDays, ErrorNote, Field, isoDay, Page, useLoad } from '../ui.tsx';
import { CalendarSetup } from './calendar-setup.tsx';

const DAY = new Intl.DateTimeFormat('ru-RU', { weekday: 'short', day: 'numeric', month: 'short' });
const staffOf = (a: Appointment) => a.staff_name ?? a.staffName ?? null;

function mondayOf(d: Date): Date {
  return addDays(d, -((d.getDay() + 6) % 7));
}

export function CalendarPage({ bot }: PageProps) {
  const [view, setView] = useState<'day' | 'week'>(() => (matchMedia('(max-width: 700px)').matches ? 'day' : 'week'));
  const [anchor, setAnchor] = useState(() => new Date());
  const days = view === 'day' ? [anchor] : Array.from({ length: 7 }, (_, i) => addDays(mondayOf(anchor), i));
  const from = isoDay(days[0]!);
  const to = isoDay(days.at(-1)!);
  const team = useLoad(async () => {
    const [staff, services] = await Promise.all([
      api<{ staff: Staff[] }>('GET', `/bots/${bot.id}/staff`),
      api<{ services: Service[] }>('GET', `/bots/${bot.id}/services`),
    ]);
    return { staff: staff.staff, services: services.services };
  }, [bot.id]);
  const appts = useLoad(() => api<{ appointments: Appointment[] }>('GET', `/bots/${bot.id}/appointments${qs({ from, to, status: 'confirmed' })}`).then((r) => r.appointments), [bot.id, from, to]);
  const [error, setError] = useState<unknown>(null);
  const step = (n: number) => setAnchor(addDays(anchor, view === 'day' ? n : 7 * n));

  const cancel = async (a: Appointment) => {
    if (!confirm(`Отменить запись ${a.date} ${a.time}?`)) return;
    await api('DELETE', `/bots/${bot.id}/appointments/${a.id}`).catch(setError);
    appts.reload();
  };
  const move = async (a: Appointment) => {
    const when = prompt('Новые дата и время (ГГГГ-ММ-ДД ЧЧ:ММ)', `${a.date} ${a.time}`);
    const m = when && /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})$/.exec(when.trim());
    if (!m) return;
    setError(null);
    try {
      // Book the new time first: the old one is released only once the new one is held.
      await api('POST', `/bots/${bot.id}/appointments`, { service: a.service, date: m[1], time: m[2]!.padStart(5, '0'), ...(staffOf(a) ? { staff: staffOf(a) } : {}), ...(a.phone ? { phone: a.phone } : {}) });
      await api('DELETE', `/bots/${bot.id}/appointments/${a.id}`);
    } catch (e) {
      setError(e);
    }
    appts.reload();
  };
  const staff = team.data?.staff ?? [];
  const rows = [...staff.map((s) => s.name), ...(appts.data?.some((a) => !staffOf(a)) ? [''] : [])];
  return (
    <Page
      title="Календарь"
      actions={<>
        <button type="button" class="secondary" onClick={() => step(-1)} aria-label="Назад">←</button>
        <button type="button" class="secondary" onClick={() => setAnchor(new Date())}>Сегодня</button>
        <button type="button" class="secondary" onClick={() => step(1)} aria-label="Вперёд">→</button>
        <select aria-label="Вид" value={view} onChange={(e) => setView((e.target as HTMLSelectElement).value as 'day' | 'week')}>
          <option value="day">День</option>
          <option value="week">Неделя</option>
        </select>
      </>}
    >
      <ErrorNote error={error ?? appts.error ?? team.error} />
      <div class="calendar-wrap">
        <table class={`calendar ${view}`} aria-busy={appts.loading}>
          <caption>{view === 'day' ? DAY.format(days[0]!) : `${DAY.format(days[0]!)} — ${DAY.format(days.at(-1)!)}`}</caption>
          <thead>
            <tr><th scope="col">Мастер</th>{days.map((d) => <th key={isoDay(d)} scope="col">{DAY.format(d)}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((name) => (
              <tr key={name}>
                <th scope="row">{name || 'Без мастера'}</th>
                {days.map((d) => (
                  <td key={isoDay(d)} data-label={DAY.format(d)}>
                    {(appts.data ?? []).filter((a) => a.date === isoDay(d) && (staffOf(a) ?? '') === name).sort((a, b) => a.time.localeCompare(b.time)).map((a) => (
                      <div class="appt" key={a.id}>
                        <strong>{a.time}</strong> {a.service}
                        {a.phone && <span class="muted"> {a.phone}</span>}
                        {a.call_id && <a href={`#/call/${a.call_id}`} class="muted"> звонок</a>}
                        <span class="appt-actions">
                          <button type="button" class="link" onClick={() => move(a)}>Перенести</button>
                          <button type="button" class="link" onClick={() => cancel(a)}>Отменить</button>
                        </span>
                      </div>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NewAppointment botId={bot.id} services={team.data?.services ?? []} staff={staff} onBooked={appts.reload} day={isoDay(anchor)} />
      <CalendarSetup botId={bot.id} team={team.data} onChange={team.reload} />
    </Page>
  );
}

function NewAppointment(props: { botId: string; services: Service[]; staff: Staff[]; day: string; onBooked: () => void }) {
  const [form, setForm] = useState({ service: '', staff: '', date: props.day, time: '12:00', phone: '', name: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''));
      await api('POST', `/bots/${props.botId}/appointments`, body);
      setDone(`Записано: ${form.date} ${form.time}`);
      props.onBooked();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="card inline-form" onSubmit={submit} aria-labelledby="new-appt-h">
      <h2 id="new-appt-h">Новая запись</h2>
      <Field label="Услуга">
        <select required value={form.service} onChange={set('service')}>
          <option value="">Выберите</option>
          {props.services.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </Field>
      <Field label="Мастер">
        <select value={form.staff} onChange={set('staff')}>
          <option value="">Любой свободный</option>
          {props.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </Field>
      <Field label="Дата"><input type="date" required value={form.date} onChange={set('date')} /></Field>
      <Field label="Время"><input type="time" required value={form.time} onChange={set('time')} /></Field>
      <Field label="Телефон"><input type="tel" value={form.phone} onInput={set('phone')} /></Field>
      <Field label="Имя"><input value={form.name} onInput={set('name')} /></Field>
      <button type="submit">Записать</button>
      <ErrorNote error={error} />
      {done && <p class="note ok" role="status">{done}</p>}
    </form>
  );
}
