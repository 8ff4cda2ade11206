/**
 * Engine benchmark: many full salon dialogues through the pure dialog engine, timing every turn, and side by side the
 * unseen-business dialogues (scenarios/unseen: number attribution, enums, surnames, facts) on the same rules path.
 *   npm run bench:engine [-- --dialogues 2000]
 * Prints per-turn engine time p50/p90/p99/max in µs and turns per second (one core, no I/O).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import type { BotConfig } from '../core/config/bot-config.ts';
import { createDialog, dialogTurn, type DialogInput, type DialogState } from '../core/engine/index.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

const { values } = parseArgs({ options: { dialogues: { type: 'string', default: '2000' } } });
const dialogues = Number(values.dialogues);

const path = fileURLToPath(new URL('../scenarios/salon-bot-1.yaml', import.meta.url));
const parsed = parseBotConfigText(readFileSync(path, 'utf8'));
if (!parsed.ok) throw new Error(`salon config: ${JSON.stringify(parsed.issues)}`);
const config = parsed.config;
const now = new Date('2026-11-25T10:00:00+03:00');

// Realistic salon calls: one-go booking, field by field, corrections, questions, silence, goodbye.
const SCRIPTS: string[][] = [
  ['Здравствуйте, запишите меня на маникюр в пятницу в 11 утра', '8 916 123-45-67', 'да', 'нет, спасибо'],
  ['Хочу записаться', 'На стрижку', 'завтра', 'в три часа дня', '+7 (903) 555-12-34', 'всё верно', 'спасибо, до свидания'],
  ['Хочу записаться на педикюр завтра в три', 'нет, не в три, а в четыре', '89161234567', 'да', 'нет'],
  ['Хочу записаться на маникюр', 'а сколько стоит маникюр?', 'в пятницу', 'в половине пятого', '89161234567', 'нет', 'время', 'без четверти шесть', 'да'],
  ['<silence>', 'хачу запесаться на маникюр пожалуста', 'в следующий вторник', '<silence>', 'в 15:30', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'да'],
  ['абырвалг', 'Сколько стоит стрижка?', 'Тогда запишите на стрижку 28 ноября в семь вечера', '89161234567', 'перенесите на пятницу', 'да', 'спасибо, до свидания'],
];

function play(script: string[], times: number[], cfg: BotConfig = config): number {
  let state: DialogState = createDialog(cfg);
  const step = (input: DialogInput) => {
    const t0 = performance.now();
    const out = dialogTurn(cfg, state, input, { now });
    times.push(performance.now() - t0);
    state = out.state;
    if (out.actions[0]?.type === 'knowledge_request') step({ type: 'knowledge_result', answer: null });
  };
  step({ type: 'start' });
  for (const line of script) {
    if (state.phase === 'ended') break;
    step(line === '<silence>' ? { type: 'silence' } : { type: 'speech', text: line });
  }
  return times.length;
}

for (let i = 0; i < 200; i++) play(SCRIPTS[i % SCRIPTS.length]!, []); // warm-up (JIT, stem cache)

const times: number[] = [];
const wall0 = performance.now();
for (let i = 0; i < dialogues; i++) play(SCRIPTS[i % SCRIPTS.length]!, times);
const wallMs = performance.now() - wall0;

const sorted = [...times].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 1000;
const sumMs = times.reduce((a, b) => a + b, 0);
console.log(`salon dialogues: ${dialogues}, engine turns: ${times.length}`);
console.log(`per-turn engine time (µs): p50 ${pct(50).toFixed(1)}  p90 ${pct(90).toFixed(1)}  p99 ${pct(99).toFixed(1)}  max ${(sorted.at(-1)! * 1000).toFixed(1)}`);

console.log(`throughput: ${Math.round(times.length / (sumMs / 1000))} turns/s in the engine, ${Math.round(times.length / (wallMs / 1000))} turns/s wall`);
// The unseen businesses' dialogues, same count of dialogues, same timing.
const unseenDir = fileURLToPath(new URL('../scenarios/unseen/', import.meta.url));
const unseenSets = parse(readFileSync(`${unseenDir}dialogues.yaml`, 'utf8')) as Record<string, { lines: (string | number)[] }[]>;
const unseen = Object.entries(unseenSets).flatMap(([bot, list]) => {
  const cfg = parseBotConfigText(readFileSync(`${unseenDir}${bot}.yaml`, 'utf8'));
  if (!cfg.ok) throw new Error(`${bot}: ${JSON.stringify(cfg.issues)}`);
  return list.map((d) => ({ cfg: cfg.config, lines: d.lines.map(String) }));
});
for (let i = 0; i < 200; i++) play(unseen[i % unseen.length]!.lines, [], unseen[i % unseen.length]!.cfg);
const unseenTimes: number[] = [];
for (let i = 0; i < dialogues; i++) play(unseen[i % unseen.length]!.lines, unseenTimes, unseen[i % unseen.length]!.cfg);
const us = [...unseenTimes].sort((a, b) => a - b);
const upct = (p: number) => us[Math.min(us.length - 1, Math.floor((p / 100) * us.length))]! * 1000;
console.log(`unseen-business dialogues: ${dialogues}, engine turns: ${unseenTimes.length}`);
console.log(`per-turn engine time (µs): p50 ${upct(50).toFixed(1)}  p90 ${upct(90).toFixed(1)}  p99 ${upct(99).toFixed(1)}  max ${(us.at(-1)! * 1000).toFixed(1)}`);
