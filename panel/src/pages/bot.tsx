// The bot editor: the form and the YAML side by side (one config), validation errors at their fields, the config's
// tests run by a dry run before every save, and the saved versions with what changed and a rollback.
import { useEffect, useState } from 'preact/hooks';
import { parse, stringify } from 'yaml';
import { api, ApiError } from '../api.ts';
import type { PageProps } from '../shell.tsx';
import type { Bot } from '../types.ts';
import { ErrorNote, fmtDateTime, Page, useLoad } from '../ui.tsx';
import { BotForm, type Config, type Issues } from './bot-form.tsx';

interface TestResult {
  name: string;
  passed: boolean;
  failures: string[];
}
interface DryRun {
  passed: boolean;
  tests: TestResult[];
}
interface Version {
  version: number;
  created_at: string;
  config: Config;
}

const toYaml = (c: Config) => stringify(c, { lineWidth: 0 });

export function BotPage({ bot, reloadBots }: PageProps) {
  const [yamlText, setYamlText] = useState(() => toYaml(bot.config));
  const [config, setConfig] = useState<Config>(bot.config);
  const [syntax, setSyntax] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tests, setTests] = useState<DryRun | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const versions = useLoad(() => api<{ versions: Version[] }>('GET', `/bots/${bot.id}/versions`).then((r) => r.versions), [bot.id, bot.config_version]);

  useEffect(() => {
    setYamlText(toYaml(bot.config));
    setConfig(bot.config);
  }, [bot.id, bot.config_version]);

  const fromForm = (next: Config) => {
    setConfig(next);
    setYamlText(toYaml(next));
    setSaved(null);
  };
  const fromYaml = (text: string) => {
    setYamlText(text);
    setSaved(null);
    try {
      const next = parse(text) as Config;
      if (next && typeof next === 'object') setConfig(next);
      setSyntax(null);
    } catch (e) {
      setSyntax((e as Error).message.split('\n')[0] ?? 'ошибка YAML');
    }
  };
  const issues: Issues = {};
  if (error instanceof ApiError) for (const d of error.details) issues[d.path] ??= d.message;

  const dryRun = () => api<DryRun>('PUT', `/bots/${bot.id}/config?dry_run=true`, yamlText, 'application/yaml');
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setTests(await dryRun());
    } catch (e) {
      setError(e);
      setTests(null);
    } finally {
      setBusy(false);
    }
  };
  const save = async (force = false) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const result = await dryRun();
      setTests(result);
      if (!result.passed && !force) return;
      const updated = await api<Bot>('PUT', `/bots/${bot.id}/config`, yamlText, 'application/yaml');
      setSaved(`Сохранено: версия ${updated.config_version}`);
      reloadBots();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const rollback = async (v: Version) => {
    if (!confirm(`Вернуть версию ${v.version}?`)) return;
    try {
      const updated = await api<Bot>('PUT', `/bots/${bot.id}/config`, v.config);
      setSaved(`Возвращена версия ${v.version} (сохранена как ${updated.config_version})`);
      reloadBots();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Page
      title={`Бот «${bot.name}»`}
      actions={<>
        <button type="button" class="secondary" onClick={check} disabled={busy || !!syntax}>Проверить тесты</button>
        <button type="button" onClick={() => save()} disabled={busy || !!syntax}>Сохранить</button>
        {tests && !tests.passed && <button type="button" class="secondary" onClick={() => save(true)} disabled={busy}>Сохранить, несмотря на тесты</button>}
      </>}
    >
      <ErrorNote error={error} />
      {saved && <p class="note ok" role="status">{saved}</p>}
      {tests && <Tests result={tests} />}
      <div class="editor">
        <BotForm config={config} issues={issues} onChange={fromForm} />
        <div class="yaml">
          <label class="field wide">
            <span class="label">YAML</span>
            <textarea class="code" spellcheck={false} value={yamlText} onInput={(e) => fromYaml((e.target as HTMLTextAreaElement).value)} aria-invalid={!!syntax} />
            {syntax && <span class="error" role="alert">{syntax}</span>}
          </label>
        </div>
      </div>
      <Versions versions={versions.data ?? []} onRollback={rollback} current={bot.config_version} />
    </Page>
  );
}

function Tests({ result }: { result: DryRun }) {
  return (
    <section class={`note ${result.passed ? 'ok' : 'error'}`} aria-labelledby="tests-h" role="status">
      <h2 id="tests-h">{result.tests.length === 0 ? 'Тестов в конфигурации нет' : result.passed ? `Все тесты прошли (${result.tests.length})` : 'Тесты не прошли — не сохранено'}</h2>
      <ul>
        {result.tests.map((t) => (
          <li key={t.name}>{t.passed ? '✓' : '✗'} {t.name}{t.failures.length > 0 && <ul>{t.failures.map((f) => <li key={f}>{f}</li>)}</ul>}</li>
        ))}
      </ul>
    </section>
  );
}

/** Lines of `b` that are not in `a`, prefixed with + (and the removed ones with −). */
function changedLines(a: string, b: string): string[] {
  const before = new Set(a.split('\n'));
  const after = new Set(b.split('\n'));
  return [...b.split('\n').filter((l) => !before.has(l)).map((l) => `+ ${l.trim()}`), ...a.split('\n').filter((l) => !after.has(l)).map((l) => `− ${l.trim()}`)];
}

function Versions({ versions, current, onRollback }: { versions: Version[]; current: number; onRollback: (v: Version) => void }) {
  return (
    <section aria-labelledby="versions-h">
      <h2 id="versions-h">Версии</h2>
      <ol class="versions">
        {versions.map((v, i) => {
          const prev = versions[i + 1];
          const diff = prev ? changedLines(toYaml(prev.config), toYaml(v.config)) : [];
          return (
            <li key={v.version}>
              <strong>Версия {v.version}</strong> · {fmtDateTime(v.created_at)} {v.version === current && '(текущая)'}
              {prev && <details><summary>Изменений: {diff.length}</summary><pre>{diff.join('\n')}</pre></details>}
              {v.version !== current && <button type="button" class="secondary" onClick={() => onRollback(v)}>Вернуть</button>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
