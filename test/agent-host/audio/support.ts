import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { inference, initializeLogger, type VAD } from '@livekit/agents';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import { audioToolsAvailable } from '../../../agent-host/src/audio/caller-voice.ts';
import { parseCallerScript, type CallerScript } from '../../../agent-host/src/audio/caller-script.ts';
import { runAudioCall, type AudioCallOptions } from '../../../agent-host/src/audio/harness.ts';

initializeLogger({ pretty: false, level: 'silent' });

/** espeak-ng and sox are installed (CI installs them; elsewhere the audio tests are skipped). */
export const audioTools = await audioToolsAvailable();
if (!audioTools) console.warn('audio call tests skipped: espeak-ng and sox are not installed (apt-get install -y espeak-ng sox)');

/** Monday 23 November 2026, 10:00 Moscow. */
export const NOW = new Date('2026-11-23T10:00:00+03:00');

export function salon(overrides: Partial<BotConfig> = {}): BotConfig {
  const r = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
  if (!r.ok) throw new Error('salon config does not parse');
  return { ...r.config, ...overrides };
}

export const callerScript = (yaml: string): CallerScript => parseCallerScript(yaml);
export const committedCaller = (name: string): CallerScript => parseCallerScript(readFileSync(`scenarios/callers/${name}.yaml`, 'utf8'));

let vad: Promise<VAD> | undefined;
/** One Silero VAD (via local-inference, as the job process prewarms it) for the file's calls. */
const sharedVad = () => (vad ??= Promise.resolve(new inference.VAD({ minSilenceDuration: 250 })));

/** An audio call on the salon bot at {@link NOW}. */
export async function call(script: CallerScript, opts: Partial<AudioCallOptions> = {}) {
  const out = await runAudioCall({ config: salon(), script, now: NOW, vad: await sharedVad(), ...opts });
  // AUDIO_TEST_OUT=dir keeps each call's timeline for a look at a failure.
  if (process.env.AUDIO_TEST_OUT) {
    mkdirSync(process.env.AUDIO_TEST_OUT, { recursive: true });
    writeFileSync(`${process.env.AUDIO_TEST_OUT}/${script.name}${opts.telephone ? '-telephone' : ''}.json`, JSON.stringify(out.timeline, null, 2));
  }
  return out;
}

/** Digits in a transcript ("восемь девятьсот шестнадцать …" is counted by the core parser). */
export { dictatedDigits } from '../../../core/turn/index.ts';
