// The form half of the bot editor: the config's main settings, scenarios and their fields. It edits the same config
// object the YAML shows; each control shows the API's validation error for its path.
import { Field } from '../ui.tsx';

export type Config = Record<string, any>;
export type Issues = Record<string, string>;

const FIELD_TYPES = ['', 'text', 'name', 'phone', 'date', 'time', 'number', 'enum'];
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : (x?.value ?? x?.name ?? JSON.stringify(x)))).join(', ') : '');
const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

interface Props {
  config: Config;
  issues: Issues;
  onChange: (next: Config) => void;
}

/** A copy of the config with `value` at a dotted path (`scenarios.0.collect_fields.1.prompt`); undefined deletes. */
function setPath(config: Config, path: string, value: unknown): Config {
  const next = structuredClone(config);
  const keys = path.split('.');
  let node: any = next;
  for (const k of keys.slice(0, -1)) node = node[k] ??= /^\d+$/.test(k) ? [] : {};
  const last = keys.at(-1)!;
  if (value === undefined || value === '') delete node[last];
  else node[last] = value;
  return next;
}

export function BotForm({ config, issues, onChange }: Props) {
  const text = (path: string, label: string, value: unknown, opts: { area?: boolean; number?: boolean } = {}) => {
    const on = (e: Event) => {
      const raw = (e.target as HTMLInputElement).value;
      onChange(setPath(config, path, opts.number ? (raw === '' ? undefined : Number(raw)) : raw));
    };
    return (
      <Field label={label} error={issues[path]} wide={opts.area}>
        {opts.area
          ? <textarea rows={2} value={String(value ?? '')} onInput={on} />
          : opts.number ? <input type="number" value={String(value ?? '')} onInput={on} /> : <input type="text" value={String(value ?? '')} onInput={on} />}
      </Field>
    );
  };
  const scenarios: Config[] = Array.isArray(config.scenarios) ? config.scenarios : [];
  const addScenario = () => onChange(setPath(config, `scenarios.${scenarios.length}`, { name: 'новый сценарий', trigger_keywords: [], collect_fields: [] }));
  return (
    <div class="bot-form">
      <fieldset>
        <legend>Основное</legend>
        {text('greeting', 'Приветствие', config.greeting, { area: true })}
        {text('fallback', 'Если бот не понял', config.fallback, { area: true })}
        {text('max_turns', 'Максимум реплик', config.max_turns, { number: true })}
        {text('silence_timeout_sec', 'Молчание, секунд', config.silence_timeout_sec, { number: true })}
        {text('timezone', 'Часовой пояс', config.timezone)}
      </fieldset>
      <fieldset>
        <legend>Передача человеку</legend>
        {text('handoff.to', 'Номер или SIP-адрес', config.handoff?.to)}
        {text('handoff.phrase', 'Фраза перед переводом', config.handoff?.phrase, { area: true })}
      </fieldset>
      {scenarios.map((s, i) => (
        <fieldset key={i}>
          <legend>Сценарий «{s.name}»</legend>
          {text(`scenarios.${i}.name`, 'Название', s.name)}
          <Field label="Ключевые слова (через запятую)" error={issues[`scenarios.${i}.trigger_keywords`]} wide>
            <input value={list(s.trigger_keywords)} onChange={(e) => onChange(setPath(config, `scenarios.${i}.trigger_keywords`, splitList((e.target as HTMLInputElement).value)))} />
          </Field>
          {text(`scenarios.${i}.on_complete`, 'Итог по завершении', s.on_complete)}
          <label class="check">
            <input type="checkbox" checked={!!s.use_knowledge_base} onChange={(e) => onChange(setPath(config, `scenarios.${i}.use_knowledge_base`, (e.target as HTMLInputElement).checked))} />
            Отвечать по базе знаний
          </label>
          {(s.collect_fields ?? []).map((f: Config, j: number) => {
            const p = `scenarios.${i}.collect_fields.${j}`;
            return (
              <div class="subfields" key={j}>
                {text(`${p}.name`, `Поле ${j + 1}: имя`, f.name)}
                {text(`${p}.prompt`, 'Вопрос', f.prompt, { area: true })}
                <Field label="Тип" error={issues[`${p}.type`]}>
                  <select value={f.type ?? ''} onChange={(e) => onChange(setPath(config, `${p}.type`, (e.target as HTMLSelectElement).value))}>
                    {FIELD_TYPES.map((t) => <option key={t} value={t}>{t || 'по имени поля'}</option>)}
                  </select>
                </Field>
                {f.type === 'enum' && (
                  <Field label="Варианты (через запятую)" error={issues[`${p}.options`]}>
                    <input value={list(f.options)} onChange={(e) => onChange(setPath(config, `${p}.options`, splitList((e.target as HTMLInputElement).value)))} />
                  </Field>
                )}
              </div>
            );
          })}
          <button type="button" class="secondary" onClick={() => onChange(setPath(config, `scenarios.${i}.collect_fields.${(s.collect_fields ?? []).length}`, { name: 'поле', prompt: 'Вопрос?' }))}>+ поле</button>
        </fieldset>
      ))}
      <button type="button" class="secondary" onClick={addScenario}>+ сценарий</button>
    </div>
  );
}
