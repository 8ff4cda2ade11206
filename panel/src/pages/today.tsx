// Today and the week: calls, bookings, conversion, with calls per day, outcomes, duration and hours charts.
import { api, qs } from '../api.ts';
import { BarChart, ShareList } from '../charts.tsx';
import type { PageProps } from '../shell.tsx';
import { addDays, ErrorNote, fmtDuration, isoDay, outcomeLabel, Page, useLoad } from '../ui.tsx';

interface Analytics {
  calls: number;
  completed: number;
  outcomes: Record<string, number>;
  conversion_rate: number;
  avg_duration_ms: number | null;
  calls_by_hour: number[];
}

const BOOKED = ['booking_created', 'booked'];
const WEEKDAY = new Intl.DateTimeFormat('ru-RU', { weekday: 'short' });

export function TodayPage({ bot }: PageProps) {
  const today = new Date();
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i - 6));
  const range = (from: Date, to: Date) =>
    api<Analytics>('GET', `/analytics${qs({ bot_id: bot.id, from: from.toISOString(), to: to.toISOString() })}`);
  const data = useLoad(async () => {
    const [day, week, ...perDay] = await Promise.all([
      range(addDays(today, 0), addDays(today, 1)),
      range(days[0]!, addDays(today, 1)),
      ...days.map((d) => range(d, addDays(d, 1))),
    ]);
    return { day: day!, week: week!, perDay };
  }, [bot.id]);
  const d = data.data;
  const booked = (a?: Analytics) => (a ? BOOKED.reduce((n, o) => n + (a.outcomes[o] ?? 0), 0) : 0);
  const pct = (a?: Analytics) => (a ? `${Math.round(a.conversion_rate * 100)}%` : '—');
  return (
    <Page title="Сегодня">
      <ErrorNote error={data.error} />
      <div class="stats" aria-busy={data.loading}>
        <Stat label="Звонков сегодня" value={d?.day.calls} />
        <Stat label="Записей сегодня" value={d ? booked(d.day) : undefined} />
        <Stat label="Конверсия сегодня" value={pct(d?.day)} />
        <Stat label="Звонков за неделю" value={d?.week.calls} />
        <Stat label="Записей за неделю" value={d ? booked(d.week) : undefined} />
        <Stat label="Средняя длительность" value={d ? fmtDuration(d.week.avg_duration_ms) : undefined} />
      </div>
      <div class="charts">
        <BarChart title="Звонки по дням" bars={days.map((day, i) => ({ label: WEEKDAY.format(day), value: d?.perDay[i]?.calls ?? 0 }))} />
        <BarChart
          title="Средняя длительность по дням, мин:сек"
          bars={days.map((day, i) => ({ label: WEEKDAY.format(day), value: d?.perDay[i]?.avg_duration_ms ?? 0 }))}
          format={(v) => fmtDuration(v)}
        />
        <ShareList title="Итоги звонков за неделю" items={Object.entries(d?.week.outcomes ?? {}).map(([o, n]) => ({ label: outcomeLabel(o), value: n })).sort((a, b) => b.value - a.value)} />
        <BarChart
          title="Звонки по часам (неделя)"
          bars={(d?.week.calls_by_hour ?? Array(24).fill(0)).map((v, h) => ({ label: h % 3 === 0 ? String(h) : '', value: v })).slice(8, 22)}
        />
      </div>
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string | number | undefined }) {
  return (
    <div class="stat">
      <span class="stat-value">{value ?? '—'}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}
