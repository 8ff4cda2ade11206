import { describe, expect, it } from 'vitest';
import { createDialog, dialogTurn, formatDateForSpeech, languagePack, stepText } from '../../../core/engine/index.ts';
import { loadConfig, NOW } from './harness.ts';

const salon = loadConfig('salon-bot-1');
const dental = loadConfig('dental-clinic');
const ctx = { now: NOW };

describe('dialog engine API', () => {
  it('greets once, with the config greeting', () => {
    const first = dialogTurn(salon, createDialog(salon), { type: 'start' }, ctx);
    expect(first.actions).toEqual([{ type: 'say', text: salon.greeting, source: 'scripted' }]);
    expect(dialogTurn(salon, first.state, { type: 'start' }, ctx).actions).toEqual([]);
  });

  it('starts an outbound call straight in a scenario', () => {
    const state = createDialog(dental, { scenario: 'implant_consultation' });
    const step = dialogTurn(dental, state, { type: 'start' }, ctx);
    expect(stepText(step)).toBe(`${dental.greeting} Сколько зубов нужно восстановить?`);
    expect(step.state.pending).toBe('teeth_count');
    expect(() => createDialog(dental, { scenario: 'support' })).toThrow(/support/);
  });

  it('asks the host for a knowledge answer and uses it', () => {
    let { state } = dialogTurn(salon, createDialog(salon), { type: 'start' }, ctx);
    const ask = dialogTurn(salon, state, { type: 'speech', text: 'Сколько стоит маникюр с покрытием?' }, ctx);
    expect(ask.actions).toEqual([{ type: 'knowledge_request', query: 'Сколько стоит маникюр с покрытием?' }]);
    state = ask.state;
    const answer = dialogTurn(salon, state, { type: 'knowledge_result', answer: 'От 1500 рублей.' }, ctx);
    expect(answer.actions).toEqual([
      { type: 'say', text: 'От 1500 рублей. Могу ещё чем-нибудь помочь?', source: 'knowledge' },
    ]);
    expect(dialogTurn(salon, answer.state, { type: 'knowledge_result', answer: 'лишний ответ' }, ctx).actions).toEqual([]);
  });

  it('says nothing more once the call has ended, and leaves the given state untouched', () => {
    let { state } = dialogTurn(salon, createDialog(salon), { type: 'start' }, ctx);
    const before = JSON.stringify(state);
    const bye = dialogTurn(salon, state, { type: 'speech', text: 'Спасибо, до свидания' }, ctx);
    expect(JSON.stringify(state)).toBe(before);
    expect(bye.actions.at(-1)).toEqual({ type: 'end', endedBy: 'caller' });
    state = bye.state;
    expect(dialogTurn(salon, state, { type: 'speech', text: 'алло' }, ctx).actions).toEqual([]);
    expect(dialogTurn(salon, state, { type: 'silence' }, ctx).actions).toEqual([]);
  });

  it('resolves relative dates against ctx.now in the bot timezone', () => {
    // 23:30 UTC on the 25th is already the 26th in Moscow: "завтра" is the 27th.
    const late = { now: new Date('2026-11-25T23:30:00Z') };
    let { state } = dialogTurn(salon, createDialog(salon), { type: 'start' }, late);
    ({ state } = dialogTurn(salon, state, { type: 'speech', text: 'Запишите на маникюр завтра' }, late));
    expect(state.fields.date).toBe('2026-11-27');
  });
});

describe('formatDateForSpeech', () => {
  const ru = languagePack('ru');
  it.each([
    ['2026-11-25', 'сегодня, 25 ноября'],
    ['2026-11-26', 'завтра, 26 ноября'],
    ['2026-11-27', 'в пятницу, 27 ноября'],
    ['2026-12-01', 'во вторник, 1 декабря'],
    ['2026-12-20', '20 декабря'],
    ['2027-01-15', '15 января'],
    ['2027-09-01', '1 сентября 2027 года'],
  ])('%s → %s', (iso, spoken) => {
    expect(formatDateForSpeech(iso, '2026-11-25', ru)).toBe(spoken);
  });
});
