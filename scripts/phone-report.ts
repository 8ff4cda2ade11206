// What call:sip prints: the per-turn latency heard by the caller, the stored transcript, the CallResult.
import type { SipCallRecord } from '../agent-host/src/sip/sip-caller.ts';
import type { StoredCall } from '../agent-host/src/sip/stored-call.ts';

export function printCall(rec: SipCallRecord, stored: StoredCall | null): void {
  console.log(`STT is SIMULATED: ${rec.timeline.stt}`);
  console.log('\nturns (end of caller speech → first bot audio heard by the caller):');
  for (const t of rec.timeline.turns) {
    const flags = [t.bot_stop_ms !== null && `bot stopped ${t.bot_stop_ms} ms after the caller's onset`].filter(Boolean);
    console.log(`  ${String(t.index).padStart(2)} ${t.kind.padEnd(13)} ${t.latency_ms === null ? '      -' : `${Math.round(t.latency_ms)} ms`.padStart(7)}  ${t.text || '(silence)'} ${flags.length ? `[${flags.join(', ')}]` : ''}`);
  }
  if (rec.transfer) console.log(`\ntransferred to ${rec.transfer.target} (answered)`);
  if (!stored) {
    console.log('\nno stored call found (is the API up? see .tmp/phone/*.log)');
    return;
  }
  console.log('\ntranscript (CallResult):');
  for (const t of stored.transcript) console.log(`  ${t.role.padEnd(6)} ${t.text}`);
  console.log(`\nCallResult: outcome ${stored.outcome ?? '—'}, ended by ${stored.ended_by}, ${stored.direction}/${stored.channel}, status ${stored.status}`);
  if (stored.booking) console.log(`booking: ${JSON.stringify(stored.booking)}`);
  console.log(`summary: ${stored.summary ?? '—'}`);
}
