// A test call in text: the bot answers as on the phone, the fields and the phase beside; bookings are real and the
// finished call is stored (it shows up in Calls).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import { ErrorNote, Field, outcomeLabel, Page } from '../ui.tsx';

interface Answer {
  call_id: string;
  reply: string;
  said: { role: 'bot' | 'caller'; text: string }[];
  fields: Record<string, string | number>;
  phase: string;
  scenario: string | null;
  outcome: string | null;
  ended: boolean;
  stored: boolean;
  state: string;
}

const PHASES: Record<string, string> = { idle: 'ожидание', open: 'выясняет цель', collecting: 'собирает данные', confirming: 'подтверждение', changing: 'исправление', wrapping_up: 'завершение', ended: 'звонок завершён' };

export function TestCallPage({ bot, session }: PageProps) {
  const [lines, setLines] = useState<Answer['said']>([]);
  const [last, setLast] = useState<Answer | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const log = useRef<HTMLOListElement>(null);

  const send = async (body: { text?: string; hang_up?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      const a = await api<Answer>('POST', `/bots/${bot.id}/test-call`, last && !last.ended ? { state: last.state, ...body } : {});
      setLines((l) => (last && !last.ended ? [...l, ...a.said] : a.said));
      setLast(a);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void send({}), [bot.id]);
  useEffect(() => log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' }), [lines.length]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    void send({ text });
    setText('');
  };
  const restart = () => {
    setLast(null);
    setLines([]);
    void api<Answer>('POST', `/bots/${bot.id}/test-call`, {}).then((a) => { setLines(a.said); setLast(a); }, setError);
  };
  return (
    <Page title="Тестовый звонок" actions={<button type="button" onClick={restart}>Начать заново</button>}>
      <p class="muted">Пишите, что сказал бы клиент. Записи попадают в настоящий календарь, а звонок — в список звонков.</p>
      <VoicePanel botId={bot.id} enabled={session.features?.voice_call === true} />
      <div class="chat-layout">
        <div class="chat">
          <ol class="transcript" ref={log} aria-live="polite" aria-label="Разговор">
            {lines.map((l, i) => (
              <li key={i} class={l.role}><span class="who">{l.role === 'bot' ? 'Бот' : 'Вы'}</span><span class="text">{l.text}</span></li>
            ))}
          </ol>
          <ErrorNote error={error} />
          {last?.ended ? (
            <p class="note" role="status">
              Звонок завершён{last.stored && <> и сохранён: <a href={`#/call/${last.call_id}`}>открыть звонок</a></>}.
            </p>
          ) : (
            <form class="say" onSubmit={submit}>
              <Field label="Реплика клиента" wide>
                <input name="line" autoComplete="off" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} disabled={!last} />
              </Field>
              <button type="submit" disabled={busy || !last}>Сказать</button>
              <button type="button" class="secondary" disabled={busy || !last} onClick={() => send({ hang_up: true })}>Положить трубку</button>
            </form>
          )}
        </div>
        <aside class="side" aria-label="Состояние разговора">
          <h2>Состояние</h2>
          <dl class="facts">
            <dt>Фаза</dt><dd data-testid="phase">{last ? (PHASES[last.phase] ?? last.phase) : '—'}</dd>
            <dt>Сценарий</dt><dd>{last?.scenario ?? '—'}</dd>
            <dt>Итог</dt><dd>{last?.outcome ? outcomeLabel(last.outcome) : '—'}</dd>
          </dl>
          <h2>Поля</h2>
          <dl class="facts" data-testid="fields">
            {Object.entries(last?.fields ?? {}).map(([k, v]) => [<dt key={`${k}-k`}>{k}</dt>, <dd key={`${k}-v`}>{String(v)}</dd>])}
          </dl>
        </aside>
      </div>
    </Page>
  );
}

const VOICE_STATES: Record<string, string> = { connecting: 'Соединяем…', waiting: 'Ждём бота…', talking: 'Идёт разговор — говорите в микрофон', ended: 'Звонок завершён: он появится в списке звонков' };

/** A voice call in the browser (LiveKit), offered only when the platform has LiveKit configured. */
function VoicePanel({ botId, enabled }: { botId: string; enabled: boolean }) {
  const [call, setCall] = useState<{ hangUp: () => Promise<void> } | null>(null);
  const [state, setState] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!enabled) return <p class="muted">Голосовой звонок из браузера появится, когда на платформе настроен LiveKit.</p>;
  const start = async () => {
    setError(null);
    try {
      const { startVoiceCall } = await import('../voice-call.ts');
      setCall(await startVoiceCall(botId, (s) => setState(s)));
    } catch (e) {
      setError(e);
      setState(null);
    }
  };
  const stop = async () => {
    await call?.hangUp();
    setCall(null);
  };
  return (
    <div class="card voice">
      {call ? <button type="button" onClick={stop}>Положить трубку (голос)</button> : <button type="button" onClick={start}>Позвонить голосом</button>}
      {state && <span role="status"> {VOICE_STATES[state] ?? state}</span>}
      <ErrorNote error={error} />
    </div>
  );
}
