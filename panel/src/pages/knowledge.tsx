// The bot's documents: upload with progress, indexing status, delete; a question shows the bot's answer and its chunks.
import { useEffect, useState } from 'preact/hooks';
import { api, qs, upload } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import type { KnowledgeDoc } from '../types.ts';
import { ErrorNote, Field, fmtDateTime, Page, STATUSES, useLoad } from '../ui.tsx';

interface Hit {
  chunk_id: string;
  text: string;
  source: string;
  page: number | null;
  section: string | null;
}

export function KnowledgePage({ bot }: PageProps) {
  const docs = useLoad(() => api<{ docs: KnowledgeDoc[] }>('GET', `/bots/${bot.id}/knowledge`).then((r) => r.docs), [bot.id]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = docs.data?.some((d) => d.status === 'pending' || d.status === 'processing');
  useEffect(() => {
    if (!busy) return;
    const t = setTimeout(docs.reload, 1000);
    return () => clearTimeout(t);
  }, [busy, docs.data]);

  const onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      await upload(`/bots/${bot.id}/knowledge`, file, setProgress);
      input.value = '';
      docs.reload();
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  const remove = async (d: KnowledgeDoc) => {
    if (!confirm(`Удалить «${d.filename}»?`)) return;
    await api('DELETE', `/bots/${bot.id}/knowledge/${d.id}`).catch(setError);
    docs.reload();
  };
  return (
    <Page title="Знания">
      <div class="upload">
        <Field label="Загрузить документ" hint="PDF, DOCX, TXT, Markdown или CSV, до 20 МБ">
          <input type="file" name="file" accept=".pdf,.docx,.txt,.md,.csv" onChange={onFile} disabled={progress !== null} />
        </Field>
        {progress !== null && <progress max={1} value={progress} aria-label="Загрузка файла">{Math.round(progress * 100)}%</progress>}
      </div>
      <ErrorNote error={error ?? docs.error} />
      <table class="docs">
        <thead><tr><th>Файл</th><th>Статус</th><th>Фрагментов</th><th>Загружен</th><th><span class="sr-only">Действия</span></th></tr></thead>
        <tbody>
          {docs.data?.map((d) => (
            <tr key={d.id}>
              <td data-label="Файл">{d.filename}</td>
              <td data-label="Статус" class={`status-${d.status}`}>{STATUSES[d.status] ?? d.status}{d.error ? `: ${d.error}` : ''}</td>
              <td data-label="Фрагментов">{d.chunk_count}</td>
              <td data-label="Загружен">{fmtDateTime(d.created_at)}</td>
              <td><button type="button" class="secondary" onClick={() => remove(d)} aria-label={`Удалить ${d.filename}`}>Удалить</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Ask botId={bot.id} />
    </Page>
  );
}

function Ask({ botId }: { botId: string }) {
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ reply: string; hits: Hit[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ask = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const [search, chat] = await Promise.all([
        api<{ results: Hit[] }>('GET', `/bots/${botId}/knowledge/search${qs({ q, top_k: 3 })}`),
        api<{ reply: string }>('POST', `/bots/${botId}/chat`, { lines: [q] }),
      ]);
      setResult({ reply: chat.reply, hits: search.results });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="ask-h" class="ask">
      <h2 id="ask-h">Задать вопрос</h2>
      <form onSubmit={ask} class="say">
        <Field label="Вопрос клиента" wide>
          <input name="question" value={q} required onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Спросить</button>
      </form>
      <ErrorNote error={error} />
      {result && (
        <div class="answer" role="status">
          <p><strong>Бот ответит:</strong> {result.reply}</p>
          <h3>Найденные фрагменты</h3>
          {result.hits.length === 0 && <p class="muted">В документах ничего не нашлось.</p>}
          <ol>
            {result.hits.map((h) => (
              <li key={h.chunk_id}><span class="muted">{h.source}{h.page ? `, стр. ${h.page}` : ''}{h.section ? `, «${h.section}»` : ''}</span><blockquote>{h.text}</blockquote></li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
