import { describe, expect, it } from 'vitest';
import { DtmfCollector } from '../../../agent-host/src/telephony/dtmf.ts';

describe('DTMF collector (RoomEvent.DtmfReceived → one input)', () => {
  it('the host collects digits until # or a pause', async () => {
    const got: string[] = [];
    const keys = new DtmfCollector({ onDigits: (d) => got.push(d), gapMs: 50 });
    for (const d of '8916#') keys.push(d);
    keys.push('1');
    keys.push('x');
    expect(got).toEqual(['8916#']);
    await new Promise((r) => setTimeout(r, 80));
    expect(got).toEqual(['8916#', '1']);
  });
});
