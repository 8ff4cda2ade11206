// Settings: phone numbers of the bot, webhooks and their deliveries, retention, API keys and people.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import { Field, fmtDateTime, Page, STATUSES, useAction, useLoad } from '../ui.tsx';
import { PeopleSection } from './settings-people.tsx';

export function SettingsPage(props: PageProps) {
  return (
    <Page title="Настройки">
      <Numbers botId={props.bot.id} />
      <Webhooks />
      <Retention companyId={props.session.company.id} />
      <PeopleSection companyId={props.session.company.id} isAdmin={props.session.user.role === 'admin'} selfId={props.session.user.id} />
    </Page>
  );
}

function Numbers({ botId }: { botId: string }) {
  const list = useLoad(() => api<{ phone_numbers: { id: string; number: string; provider: string }[] }>('GET', `/bots/${botId}/phone-numbers`), [botId]);
  const [number, setNumber] = useState('');
  const [provider, setProvider] = useState('livekit');
  const act = useAction();
  return (
    <section aria-labelledby="numbers-h" class="card">
      <h2 id="numbers-h">Номера телефонов бота</h2>
      <ul>{list.data?.phone_numbers.map((n) => <li key={n.id}>{n.number} ({n.provider}) <button type="button" class="link" onClick={() => act.run(() => api('DELETE', `/bots/${botId}/phone-numbers/${n.id}`)).then(list.reload)}>отключить</button></li>)}</ul>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void act.run(() => api('POST', `/bots/${botId}/phone-numbers`, { number, provider }), 'Номер подключён').then(list.reload); }}>
        <Field label="Номер (+7…)"><input type="tel" required value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} /></Field>
        <Field label="Оператор">
          <select value={provider} onChange={(e) => setProvider((e.target as HTMLSelectElement).value)}>
            <option value="livekit">LiveKit</option><option value="exolve">МТС Exolve</option><option value="twilio">Twilio</option>
          </select>
        </Field>
        <button type="submit" class="secondary">Подключить</button>
      </form>
      {act.view}
    </section>
  );
}

interface Webhook { id: string; url: string; bot_id: string | null }
interface Delivery { id: string; status: string; attempts: number; last_status_code: number | null; created_at: string; event_type: string }

function Webhooks() {
  const list = useLoad(() => api<{ webhooks: Webhook[] }>('GET', '/webhooks').then((r) => r.webhooks), []);
  const [url, setUrl] = useState('');
  const act = useAction();
  return (
    <section aria-labelledby="wh-h" class="card">
      <h2 id="wh-h">Вебхуки</h2>
      {list.data?.map((w) => <WebhookRow key={w.id} hook={w} onDelete={() => act.run(() => api('DELETE', `/webhooks/${w.id}`)).then(list.reload)} />)}
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void act.run(() => api<{ secret?: string }>('POST', '/webhooks', { url }), (r) => `Вебхук добавлен${r?.secret ? `; секрет подписи (показывается один раз): ${r.secret}` : ''}`).then(list.reload); }}>
        <Field label="Адрес (https://…)"><input type="url" required value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} /></Field>
        <button type="submit" class="secondary">Добавить вебхук</button>
      </form>
      {act.view}
    </section>
  );
}

function WebhookRow({ hook, onDelete }: { hook: Webhook; onDelete: () => void }) {
  const [open, setOpen] = useState(false);
  const log = useLoad(() => (open ? api<{ deliveries: Delivery[] }>('GET', `/webhooks/${hook.id}/deliveries?limit=20`).then((r) => r.deliveries) : Promise.resolve([])), [open, hook.id]);
  return (
    <div class="webhook">
      <code>{hook.url}</code>{' '}
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>журнал доставок</button>{' '}
      <button type="button" class="link" onClick={onDelete}>удалить</button>
      {open && (
        <ul class="deliveries">
          {log.data?.length === 0 && <li class="muted">Доставок пока не было.</li>}
          {log.data?.map((d) => <li key={d.id}>{fmtDateTime(d.created_at)} · {d.event_type} · {STATUSES[d.status] ?? d.status} · попыток {d.attempts}{d.last_status_code ? ` · ответ ${d.last_status_code}` : ''}</li>)}
        </ul>
      )}
    </div>
  );
}

function Retention({ companyId }: { companyId: string }) {
  const cur = useLoad(() => api<{ retention_days: number; is_default: boolean }>('GET', `/companies/${companyId}/retention`), [companyId]);
  const [days, setDays] = useState('');
  const act = useAction();
  return (
    <section aria-labelledby="ret-h" class="card">
      <h2 id="ret-h">Хранение звонков</h2>
      <p>Сейчас: {cur.data ? `${cur.data.retention_days} дней${cur.data.is_default ? ' (по умолчанию)' : ''}` : '—'}. Старые звонки, расшифровки и записи удаляются каждую ночь.</p>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void act.run(() => api('PUT', `/companies/${companyId}/retention`, { retention_days: days ? Number(days) : null }), 'Сохранено').then(cur.reload); }}>
        <Field label="Хранить, дней (пусто — по умолчанию)"><input type="number" min={1} value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} /></Field>
        <button type="submit" class="secondary">Сохранить</button>
      </form>
      {act.view}
    </section>
  );
}
