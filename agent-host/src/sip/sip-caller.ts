import type { AudioFrame } from '@livekit/rtc-node';
import type { BotLine } from '../audio/bot-line.ts';
import { CallClock, samplesToMs } from '../audio/call-clock.ts';
import { CallerLine } from '../audio/caller-line.ts';
import { runCaller } from '../audio/caller-runner.ts';
import { isSilence, type CallerScript } from '../audio/caller-script.ts';
import { defaultCallerVoice, LINE_RATE, spokenChunk, type SpokenChunk } from '../audio/caller-voice.ts';
import { LineNoise, speechRms } from '../audio/line.ts';
import { ensureAgentsLogger } from '../providers/env.ts';
import { scoreTurns, type Timeline, type TimelineEvent } from '../audio/timeline.ts';
import { HeardLine } from './heard-line.ts';
import { hostPortOf, userOf } from './message.ts';
import type { SipCall, SipEndpoint } from './user-agent.ts';

/** Where the SIMULATED recognizer learns what this caller will say (in-process or over the stack's control URL). */
export interface ScriptRegistry {
  expect(chunks: { text: string; durationMs: number }[]): string | Promise<string>;
  release(id: string): void | Promise<void>;
}

export interface SipCallerOptions {
  script: CallerScript;
  recognizer: ScriptRegistry;
  /** A REFER from the bot: the caller's carrier dials the target here (tel: numbers are routed to it). */
  carrier?: { endpoint: SipEndpoint; host: string; port: number };
  /** Called once the call is up, with the live run (tests hang up mid-sentence, etc.). */
  onStart?: (run: LiveSipCall) => void;
}

export interface LiveSipCall {
  call: SipCall;
  clock: CallClock;
  line: CallerLine;
  heard: HeardLine;
}

/** A finished SIP call as the caller lived it. */
export interface SipCallRecord {
  timeline: Timeline;
  /** Caller (left) and what the caller heard (right), 16 kHz, the same length. */
  caller: Int16Array;
  bot: Int16Array;
  endedBy: 'caller' | 'bot';
  /** The REFER target the caller was handed to and whether that leg was answered. */
  transfer: { target: string; answered: boolean } | null;
}

/** The script's chunks in telephone quality (espeak-ng → 8 kHz μ-law → 16 kHz), as the recognizer is told them. */
export async function synthesizeChunks(script: CallerScript): Promise<Map<string, SpokenChunk>> {
  const texts = new Set(script.turns.flatMap((t) => (isSilence(t) ? [] : t.say.flatMap((p) => ('say' in p ? [p.say] : [])))));
  const voice = { ...defaultCallerVoice, telephone: true };
  return new Map(await Promise.all([...texts].map(async (t) => [t, await spokenChunk(t, voice)] as const)));
}

/** The chunks in the order the script says them. */
function spokenOrder(script: CallerScript, chunks: Map<string, SpokenChunk>) {
  return script.turns.flatMap((t) => (isSilence(t) ? [] : t.say.flatMap((p) => ('say' in p ? [{ text: p.say, durationMs: samplesToMs(chunks.get(p.say)!.pcm.length) }] : []))));
}

/** Stream the caller line's 16 kHz frames into RTP as 8 kHz (the chunks are already band-limited to 4 kHz). */
async function pump(line: CallerLine, call: SipCall): Promise<void> {
  const reader = line.stream.getReader();
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (done || !value || call.state === 'ended') return;
    const frame = value as AudioFrame;
    const pcm = new Int16Array(frame.samplesPerChannel / 2);
    for (let i = 0; i < pcm.length; i++) pcm[i] = frame.data[i * 2]!;
    call.rtp.send(pcm);
  }
}

/**
 * Play a caller script on an answered SIP call, in real time: the caller's espeak-ng speech goes out as PCMU
 * with its pauses and talk-over timing (the audio harness's caller runner, on the SIP line), what comes back
 * is recorded as heard; latency and barge-in figures are taken from that audio alone.
 */
export async function runSipCaller(call: SipCall, opts: SipCallerOptions, chunks?: Map<string, SpokenChunk>): Promise<SipCallRecord> {
  const { script } = opts;
  const spoken = chunks ?? (await synthesizeChunks(script));
  const scriptId = await opts.recognizer.expect(spokenOrder(script, spoken));
  const level = speechRms(Int16Array.from([...spoken.values()].flatMap((c) => [...c.pcm])));
  ensureAgentsLogger(); // the caller line is an agents-js AudioInput
  const clock = new CallClock();
  const line = new CallerLine(new LineNoise(script.noise_snr_db, level, 7));
  const speech: [number, number][] = [];
  line.events.on('speechStart', (at) => speech.push([at, Number.POSITIVE_INFINITY]));
  line.events.on('speechEnd', (at) => void (speech.at(-1) && (speech.at(-1)![1] = at)));
  const heard = new HeardLine(clock, (at) => speech.some(([a, b]) => at >= a && at <= b));
  clock.add(line);
  clock.add(heard);
  call.rtp.events.on('audio', (pcm) => heard.receive(pcm));
  const events: TimelineEvent[] = [];
  const at = (e: Record<string, unknown> & { type: TimelineEvent['type'] }, tMs: number) => events.push({ t_ms: Math.round(tMs), ...e } as TimelineEvent);
  line.events.on('speechStart', (s, text) => at({ type: 'caller_speech_start', text }, samplesToMs(s)));
  line.events.on('speechEnd', (s, text) => at({ type: 'caller_speech_end', text }, samplesToMs(s)));
  heard.events.on('audioStart', (s) => at({ type: 'bot_audio_start' }, samplesToMs(s)));
  heard.events.on('audioEnd', (s, interrupted) => at({ type: 'bot_audio_end', interrupted, said: '' }, samplesToMs(s)));

  let endedBy: 'caller' | 'bot' | undefined;
  call.events.once('ended', (by) => void (endedBy ??= by === 'remote' ? 'bot' : 'caller'));
  let transfer: SipCallRecord['transfer'] = null;
  call.events.on('refer', (target) => void followRefer(call, target, opts.carrier).then((t) => (transfer = t)));

  clock.start();
  const pumping = pump(line, call);
  opts.onStart?.({ call, clock, line, heard });
  let records;
  try {
    records = await runCaller(script, { clock, line, bot: heard as unknown as BotLine, chunks: spoken, ended: () => call.state === 'ended' || transfer !== null });
  } finally {
    // After a transfer the bot's side sends the BYE; give it the chance before hanging up ourselves.
    if (transfer) await new Promise((r) => (call.state === 'ended' ? r(null) : (call.events.once('ended', r), setTimeout(r, 10_000).unref())));
    if (call.state !== 'ended') call.hangup();
    at({ type: 'call_end' }, clock.nowMs());
    clock.tick();
    clock.stop();
    await line.close().catch(() => undefined);
    await pumping;
    await opts.recognizer.release(scriptId);
  }
  const length = Math.max(line.track.length, heard.track.length);
  events.sort((a, b) => a.t_ms - b.t_ms);
  const timeline: Timeline = {
    script: script.name,
    telephone: true,
    duration_ms: Math.round(samplesToMs(length)),
    sample_rate: LINE_RATE,
    stt: 'scripted recognizer behind the SpeechKit v3 protocol (SIMULATED: releases the caller script in step with the audio it receives)',
    events,
    turns: scoreTurns(records.map((r) => ({ ...r, committed_ms: null, committed_text: null, first_bot_audio_ms: null, latency_ms: null, cut_off: false, false_wait: false, bot_stop_ms: null, bot_stopped: false })), events),
  };
  return { timeline, caller: line.track.samples(length), bot: heard.track.samples(length), endedBy: endedBy ?? 'caller', transfer };
}

/** The caller's carrier follows a REFER: dial the target, report the outcome to the bot's side (NOTIFY). */
async function followRefer(call: SipCall, target: string, carrier: SipCallerOptions['carrier']): Promise<{ target: string; answered: boolean } | null> {
  if (!carrier) {
    call.notifyRefer(503, 'Service Unavailable');
    return null;
  }
  const number = userOf(target);
  const dest = /^sips?:/i.test(target) ? hostPortOf(target) : { host: carrier.host, port: carrier.port };
  const leg = await carrier.endpoint.invite(`sip:${number}@${dest.host}:${dest.port}`, userOf(call.remoteParty) || 'caller');
  const answered = await new Promise<boolean>((resolve) => {
    leg.events.once('answered', () => resolve(true));
    leg.events.once('ended', () => resolve(false));
  });
  call.notifyRefer(answered ? 200 : 603, answered ? 'OK' : 'Declined');
  if (answered) setTimeout(() => leg.hangup(), 1_000).unref();
  return answered ? { target, answered } : null;
}

/** Dial `target` from `fromNumber` and wait for the answer (throws with the SIP status when refused). */
export async function dial(endpoint: SipEndpoint, target: string, fromNumber: string, timeoutMs = 60_000): Promise<SipCall> {
  const call = await endpoint.invite(target, fromNumber);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      call.hangup();
      reject(new Error(`${target} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    call.events.once('answered', () => (clearTimeout(timer), resolve()));
    call.events.once('ended', (_by, status) => (clearTimeout(timer), reject(new Error(`${target} refused the call: SIP ${status ?? 'ended'}`))));
  });
  return call;
}
