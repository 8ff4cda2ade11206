/**
 * How the Russian end-of-turn threshold was chosen:
 *   npx tsx agent-host/src/audio/calibrate-threshold.ts [--telephone]
 * The audio end-of-turn model (@livekit/local-inference, what agents-js's v1-mini runs) judges
 * espeak-ng Russian phrases said in full, and the same audio cut at the word nearest 50 % and 75 %,
 * each followed by 200 ms of line noise. For each threshold it prints how many whole phrases count
 * as finished (p ≥ t) and how many cut ones as unfinished (p < t). The pick is the highest
 * threshold that still lets ≥ 90 % of whole phrases through on both line types: the model only
 * decides turns the dialog cannot judge (phones, dates, trailing "в"/"и" are judged by the dialog),
 * and on those a false wait (max delay, ~2.5 s of dead air) costs more than a rare early commit.
 * Synthetic speech is only a proxy for real callers: re-run on recorded calls.
 */
import { parseArgs } from 'node:util';
import { defaultCallerVoice, LINE_RATE, spokenChunk } from './caller-voice.ts';
import { LineNoise, speechRms } from './line.ts';
import { inProcessEotExecutor } from './local-eot.ts';

const MODEL_WINDOW = (LINE_RATE * 12) / 10;

const PHRASES = [
  'здравствуйте хочу записаться на маникюр', 'в пятницу в три часа дня', 'да все верно', 'нет давайте в субботу',
  'сколько стоит стрижка', 'а педикюр сколько стоит', 'на завтра после обеда', 'меня зовут ольга',
  'запишите меня к анне', 'а вы работаете в воскресенье', 'мне нужно перенести запись', 'давайте в половине пятого',
  'нет спасибо это все', 'а где вы находитесь', 'хочу покрасить волосы', 'можно на следующей неделе',
  'на двадцать восьмое ноября', 'утром если можно', 'а сколько по времени длится процедура', 'да записывайте',
  'у вас есть парковка', 'мне бы подстричься', 'в четверг вечером', 'а скидки есть',
  'до свидания', 'хорошо спасибо', 'на десять утра', 'а можно оплатить картой', 'к любому мастеру', 'уточните адрес пожалуйста',
];

async function predictAll(texts: string[], telephone: boolean) {
  const exec = inProcessEotExecutor();
  const out: { full: number[]; half: number[]; threeQuarters: number[] } = { full: [], half: [], threeQuarters: [] };
  for (const text of texts) {
    const chunk = await spokenChunk(text, { ...defaultCallerVoice, telephone });
    const noise = new LineNoise(30, speechRms(chunk.pcm), text.length);
    const cutAt = (share: number) => {
      const target = chunk.pcm.length * share;
      const ends = chunk.words.slice(0, -1).map((w) => w.end);
      return ends.length ? ends.reduce((a, b) => (Math.abs(b - target) < Math.abs(a - target) ? b : a)) : chunk.pcm.length;
    };
    const judge = async (end: number) => {
      const tail = noise.addTo(new Int16Array(LINE_RATE / 5)); // 200 ms of line noise
      const pcm = new Int16Array(end + tail.length);
      pcm.set(chunk.pcm.subarray(0, end));
      pcm.set(tail, end);
      const last = pcm.slice(Math.max(0, pcm.length - MODEL_WINDOW)); // agents-js sends the last 1.2 s
      const res = (await exec.doInference('lk_eot_audio', { pcm: Buffer.from(last.buffer).toString('base64') })) as { probability: number };
      return res.probability;
    };
    out.full.push(await judge(chunk.pcm.length));
    out.half.push(await judge(cutAt(0.5)));
    out.threeQuarters.push(await judge(cutAt(0.75)));
  }
  return out;
}

async function main() {
  const { values } = parseArgs({ options: { telephone: { type: 'boolean', default: false } } });
  const p = await predictAll(PHRASES, values.telephone);
  const n = PHRASES.length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${n} phrases (espeak-ng ru, ${values.telephone ? '8 kHz μ-law' : '16 kHz'}), mean p: whole ${mean(p.full).toFixed(2)}, cut 75 % ${mean(p.threeQuarters).toFixed(2)}, cut 50 % ${mean(p.half).toFixed(2)}`);
  console.log('threshold  whole→done  cut50→wait  cut75→wait  J');
  let best = { t: 0, j: -1 };
  let pick = 0;
  for (let t = 0.05; t <= 0.6001; t += 0.01) {
    const done = p.full.filter((x) => x >= t).length;
    const w50 = p.half.filter((x) => x < t).length;
    const w75 = p.threeQuarters.filter((x) => x < t).length;
    const j = done / n + (w50 + w75) / (2 * n) - 1;
    if (j > best.j + 1e-9) best = { t, j };
    if (done / n >= 0.9) pick = t;
    if (Math.round(t * 100) % 5 === 0 || Math.abs(t - 0.36) < 0.005) {
      console.log(`${t.toFixed(2).padStart(9)}  ${`${done}/${n}`.padStart(10)}  ${`${w50}/${n}`.padStart(10)}  ${`${w75}/${n}`.padStart(10)}  ${j.toFixed(2)}${Math.abs(t - 0.36) < 0.005 ? '  (English)' : ''}`);
    }
  }
  console.log(`best J: ${best.t.toFixed(2)} (J ${best.j.toFixed(2)}); highest with ≥ 90 % of whole phrases done: ${pick.toFixed(2)}`);
}

await main();
