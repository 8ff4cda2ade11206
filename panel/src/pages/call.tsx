// One call: summary, outcome, fields, the transcript with times, the recording and its webhook deliveries.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import type { CallDetail } from '../types.ts';
import { ErrorNote, fmtDateTime, fmtDuration, outcomeLabel, Page, STATUSES, useLoad } from '../ui.tsx';

interface Delivery {
  id: string;
  webhook_id: string;
  call_id: string | null;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
}

export function CallPage({ param }: PageProps) {
  const call = useLoad(() => api<CallDetail>('GET', `/calls/${encodeURIComponent(param)}`), [param]);
  const c = call.data;
  return (
    <Page title="Звонок" actions={<a href="#/calls">← Все звонки</a>}>
      <ErrorNote error={call.error} />
      {c && (
        <div class="call">
          <dl class="facts">
            <dt>Когда</dt><dd>{fmtDateTime(c.started_at)}</dd>
            <dt>Номер</dt><dd>{c.caller_number ?? (c.channel === 'web' ? 'тест из панели' : '—')}</dd>
            <dt>Длительность</dt><dd>{fmtDuration(c.duration_ms)}</dd>
            <dt>Итог</dt><dd><strong>{outcomeLabel(c.outcome)}</strong></dd>
            <dt>Обработка</dt><dd>{STATUSES[c.status] ?? c.status}</dd>
          </dl>
          <section aria-labelledby="summary-h">
            <h2 id="summary-h">Кратко</h2>
            <p>{c.summary ?? 'Итог звонка ещё готовится.'}</p>
          </section>
          {Object.keys(c.fields).length > 0 && (
            <section aria-labelledby="fields-h">
              <h2 id="fields-h">Собранные данные</h2>
              <dl class="facts">{Object.entries(c.fields).map(([k, v]) => [<dt key={`${k}-k`}>{k}</dt>, <dd key={`${k}-v`}>{String(v)}</dd>])}</dl>
            </section>
          )}
          {c.recording && (
            <section aria-labelledby="rec-h">
              <h2 id="rec-h">Запись разговора</h2>
              <audio controls preload="none" src={c.recording.url} />
            </section>
          )}
          <section aria-labelledby="tr-h">
            <h2 id="tr-h">Расшифровка</h2>
            <ol class="transcript">
              {c.transcript.map((t, i) => (
                <li key={i} class={t.role}>
                  <time>{fmtDuration(Date.parse(t.at) - Date.parse(c.started_at))}</time>
                  <span class="who">{t.role === 'bot' ? 'Бот' : 'Клиент'}</span>
                  <span class="text">{t.text}</span>
                </li>
              ))}
            </ol>
          </section>
          <Deliveries callId={c.id} />
        </div>
      )}
    </Page>
  );
}

function Deliveries({ callId }: { callId: string }) {
  const [sent, setSent] = useState<Record<string, string>>({});
  const list = useLoad(async () => {
    const { webhooks } = await api<{ webhooks: { id: string; url: string }[] }>('GET', '/webhooks');
    const all = await Promise.all(webhooks.map((w) => api<{ deliveries: Delivery[] }>('GET', `/webhooks/${w.id}/deliveries?limit=100`).then((r) => r.deliveries.map((d) => ({ ...d, url: w.url })))));
    return all.flat().filter((d) => d.call_id === callId);
  }, [callId]);
  const redeliver = async (d: Delivery) => {
    try {
      await api('POST', `/webhooks/${d.webhook_id}/deliveries/${d.id}/redeliver`);
      setSent({ ...sent, [d.id]: 'Отправка поставлена в очередь' });
    } catch (e) {
      setSent({ ...sent, [d.id]: `Не получилось: ${(e as Error).message}` });
    }
  };
  return (
    <section aria-labelledby="wh-h">
      <h2 id="wh-h">Вебхуки</h2>
      <ErrorNote error={list.error} />
      {list.data?.length === 0 && <p class="muted">Для этого звонка вебхуков не отправлялось.</p>}
      <ul class="deliveries">
        {list.data?.map((d) => (
          <li key={d.id}>
            <code>{d.url}</code> — {STATUSES[d.status] ?? d.status}, попыток: {d.attempts}
            {d.last_status_code ? `, ответ ${d.last_status_code}` : ''}{d.last_error ? `, ${d.last_error}` : ''}
            <button type="button" onClick={() => redeliver(d)}>Отправить снова</button>
            {sent[d.id] && <span role="status"> {sent[d.id]}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
