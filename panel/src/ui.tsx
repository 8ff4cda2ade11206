// Small shared pieces: labelled fields, error notes, data loading, Russian labels and formats.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

/** A labelled control with its error under it (the label wraps the control, so clicking it focuses the control). */
export function Field(props: { label: string; error?: string | null; hint?: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <label class={`field${props.wide ? ' wide' : ''}${props.error ? ' invalid' : ''}`}>
      <span class="label">{props.label}</span>
      {props.children}
      {props.hint && !props.error && <span class="hint">{props.hint}</span>}
      {props.error && <span class="error" role="alert">{props.error}</span>}
    </label>
  );
}

/** What went wrong, in words, with each field problem of a 422. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div class="note error" role="alert">
      <strong>{e ? explain(e) : String((error as Error).message ?? error)}</strong>
      {e && e.details.length > 0 && (
        <ul>
          {e.details.map((d) => (
            <li key={d.path}><code>{d.path}</code>: {d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function explain(e: ApiError): string {
  if (e.status === 0) return 'Нет связи с сервером.';
  if (e.status === 401) return 'Нужно войти снова.';
  if (e.status === 403) return 'Недостаточно прав.';
  if (e.status === 404) return 'Не найдено.';
  if (e.status === 409) return `Конфликт: ${e.message}`;
  if (e.status === 422) return 'Проверьте поля, отмеченные ниже.';
  if (e.status === 429) return `Слишком много попыток: ${e.message}`;
  return `Ошибка ${e.status}: ${e.message}`;
}

/** Loads data for the given deps; `reload()` loads again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load().then((data) => setState({ data, loading: false }), (error) => setState({ error, loading: false }));
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function Page(props: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">{props.title}</h1>
        {props.actions && <div class="actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

export const OUTCOMES: Record<string, string> = {
  booking_created: 'Запись',
  booked: 'Запись',
  transferred: 'Переведён на человека',
  callback_requested: 'Просит перезвонить',
  wrong_number: 'Ошиблись номером',
  no_intent: 'Не понял цель',
  question_answered: 'Ответ на вопрос',
  none: 'Без итога',
};
export const outcomeLabel = (o: string | null | undefined) => (o ? (OUTCOMES[o] ?? o) : 'Без итога');

export const STATUSES: Record<string, string> = {
  received: 'принят', processing: 'обрабатывается', processed: 'обработан', failed: 'ошибка',
  pending: 'в очереди', ready: 'готов', delivered: 'доставлен', confirmed: 'подтверждена', cancelled: 'отменена',
};

const dateTime = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const clock = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
export const fmtDateTime = (iso: string) => dateTime.format(new Date(iso));
export const fmtClock = (iso: string) => clock.format(new Date(iso));
export function fmtDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of a local date. */
export const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
export const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

/** An action with its outcome shown: a message when it worked, the error when not. */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, done?: string | ((r: any) => string)) => {
    setError(null);
    setNote(null);
    try {
      const r = await work();
      if (done) setNote(typeof done === 'string' ? done : done(r));
    } catch (e) {
      setError(e);
    }
  };
  const view = <>{note && <p class="note ok" role="status">{note}</p>}<ErrorNote error={error} /></>;
  return { run, view };
}

